using Beacon.Platform.Data;

namespace Beacon.Web.Components.Shared;

/// <summary>
/// What a page does when a user acts: one action at a time (a double tap must not post it twice), the same handler
/// as the API under the user's scope, then the outcome (a readable error, or a notice) and the page reloaded.
/// Pages take one with <c>@inject PageAction Act</c> and show <see cref="Error"/> and <see cref="Notice"/>.
/// </summary>
public sealed class PageAction(UiActor ui)
{
    public bool Busy { get; private set; }
    public string? Error { get; set; }
    public string? Notice { get; set; }

    /// <summary>Runs <paramref name="work"/>; on success shows <paramref name="done"/> and calls <paramref name="reload"/>. False when refused.</summary>
    public async Task<bool> RunAsync(Func<BeaconDbContext, Task> work, Func<Task> reload, string? done = null)
    {
        if (Busy)
        {
            return false;
        }
        Busy = true;
        try
        {
            await ui.Run((_, db) => work(db));
            Error = null;
            Notice = done;
            await reload();
            return true;
        }
        catch (Exception e) when (ErrorText.IsExpected(e))
        {
            Error = ErrorText.Of(e);
            Notice = null;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
