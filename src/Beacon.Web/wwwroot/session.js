// Idle timeout for signed-in pages. The server enforces it on every HTTP request; interactive pages
// talk over a WebSocket instead, so this script pings while the user is active and leaves when idle.
(function () {
    const minutes = Number(document.body.dataset.idleMinutes || 0);
    if (!minutes) return;
    const limit = minutes * 60 * 1000;
    let last = Date.now();
    let pinged = Date.now();
    for (const e of ["keydown", "mousedown", "touchstart", "wheel"]) {
        window.addEventListener(e, () => { last = Date.now(); }, { passive: true, capture: true });
    }
    setInterval(async () => {
        const now = Date.now();
        if (now - last >= limit) {
            window.location.href = "/session/expired";
        } else if (last > pinged && now - pinged > 60 * 1000) {
            pinged = now;
            const r = await fetch("/session/ping", { credentials: "same-origin", redirect: "manual" });
            if (r.status !== 204) window.location.href = "/session/expired";
        }
    }, 15 * 1000);
})();
