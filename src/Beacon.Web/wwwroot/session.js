// Idle timeout for signed-in pages. The server enforces it on every HTTP request; interactive pages
// talk over a WebSocket instead, so this script pings while the user is active and leaves when idle.
(function () {
    const minutes = Number(document.body.dataset.idleMinutes || 0);
    if (!minutes) return; // not signed in: nothing to time
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

// A short two-tone chime for the duty desk when a report arrives (Web Audio; no sound file needed).
window.beacon = window.beacon || {};
window.beacon.chime = function () {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    [880, 660].forEach((f, i) => {
        const o = ctx.createOscillator();
        const g = ctx.createGain();
        o.frequency.value = f;
        g.gain.value = 0.2;
        o.connect(g).connect(ctx.destination);
        o.start(ctx.currentTime + i * 0.25);
        o.stop(ctx.currentTime + i * 0.25 + 0.2);
    });
};
