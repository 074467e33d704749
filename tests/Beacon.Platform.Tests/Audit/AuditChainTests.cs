using System.Reflection;
using Beacon.Platform.Audit.Domain;

namespace Beacon.Platform.Tests.Audit;

public class AuditChainTests
{
    private static List<AuditEntry> Chain(int n)
    {
        var list = new List<AuditEntry>();
        var hash = AuditEntry.GenesisHash;
        var t = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8));
        for (var i = 0; i < n; i++)
        {
            var e = AuditEntry.Draft(t.AddSeconds(i), Guid.NewGuid(), "duty", Guid.NewGuid(), "/a/", "unit.updated", "unit", i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{{\"n\":{i}}}");
            e.Seal(i, hash);
            hash = e.Hash;
            list.Add(e);
        }
        return list;
    }

    private static void Set(AuditEntry e, string property, object? value) =>
        typeof(AuditEntry).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(e, value);

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var result = AuditChainVerifier.Verify(Chain(20));
        Assert.Equal(new AuditVerification(true, 20, null), result);
    }

    [Fact]
    public void Sealing_links_each_entry_to_the_one_before()
    {
        var chain = Chain(3);
        Assert.Equal(AuditEntry.GenesisHash, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(3, chain[2].Sequence);
        Assert.Matches("^[0-9a-f]{64}$", chain[2].Hash);
    }

    [Fact]
    public void Changing_a_summary_breaks_at_that_entry()
    {
        var chain = Chain(10);
        Set(chain[6], nameof(AuditEntry.Summary), "{\"n\":999}");
        Assert.Equal(new AuditVerification(false, 10, 7), AuditChainVerifier.Verify(chain));
    }

    [Fact]
    public void Rehashing_a_changed_entry_still_breaks_the_next_link()
    {
        var chain = Chain(10);
        Set(chain[3], nameof(AuditEntry.Actor), "someone-else");
        Set(chain[3], nameof(AuditEntry.Hash), chain[3].ComputeHash());
        Assert.Equal(5, AuditChainVerifier.Verify(chain).FirstBrokenSequence);
    }

    [Fact]
    public void A_deleted_entry_shows_as_a_gap()
    {
        var chain = Chain(10);
        chain.RemoveAt(4); // sequence 5
        Assert.Equal(5, AuditChainVerifier.Verify(chain).FirstBrokenSequence);
    }

    [Fact]
    public void Time_is_hashed_at_millisecond_precision_in_utc()
    {
        var a = AuditEntry.Draft(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)).AddTicks(1234), null, "s", null, "/", "x", "y", null, "");
        var b = AuditEntry.Draft(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null, "s", null, "/", "x", "y", null, "");
        a.Seal(0, AuditEntry.GenesisHash);
        b.Seal(0, AuditEntry.GenesisHash);
        Assert.Equal(b.Hash, a.Hash);
    }

    [Fact]
    public void Fields_cannot_bleed_into_each_other()
    {
        var a = AuditEntry.Draft(DateTimeOffset.UnixEpoch, null, "ab", null, "/", "c", "t", null, "");
        var b = AuditEntry.Draft(DateTimeOffset.UnixEpoch, null, "a", null, "/", "bc", "t", null, "");
        a.Seal(0, AuditEntry.GenesisHash);
        b.Seal(0, AuditEntry.GenesisHash);
        Assert.NotEqual(a.Hash, b.Hash);
    }
}
