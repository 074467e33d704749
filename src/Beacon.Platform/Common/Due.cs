namespace Beacon.Platform.Common;

/// <summary>The colour of a due date in lists.</summary>
public enum DueColour
{
    /// <summary>Done, or no deadline: nothing to show.</summary>
    None,
    OnTrack,
    DueSoon,
    Overdue,
}

public static class Due
{
    /// <summary>Due within this long counts as due soon.</summary>
    public static readonly TimeSpan DefaultSoon = TimeSpan.FromDays(3);

    /// <summary>At the deadline itself it is still due soon; overdue only once past it.</summary>
    public static DueColour Of(DateTimeOffset? deadline, bool done, DateTimeOffset now, TimeSpan? soon = null)
    {
        if (done || deadline is not { } due)
        {
            return DueColour.None;
        }
        if (now > due)
        {
            return DueColour.Overdue;
        }
        return due - now <= (soon ?? DefaultSoon) ? DueColour.DueSoon : DueColour.OnTrack;
    }
}
