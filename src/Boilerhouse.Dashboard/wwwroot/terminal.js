// The tenant page's terminal: xterm.js joined to the dashboard's terminal WebSocket
// (binary frames carry input and output; text frames resize, and report the exit or an error).
const lib = '_content/Boilerhouse.Dashboard/lib/xterm/';
let loaded;

function script(src) {
    return new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = src;
        s.onload = resolve;
        s.onerror = () => reject(new Error(`could not load ${src}`));
        document.head.appendChild(s);
    });
}

// Loaded on first use only, so pages without a terminal do not pay for xterm.js.
function load() {
    loaded ??= (async () => {
        const css = document.createElement('link');
        css.rel = 'stylesheet';
        css.href = lib + 'xterm.css';
        document.head.appendChild(css);
        await script(lib + 'xterm.js');
        await script(lib + 'addon-fit.js');
    })();
    return loaded;
}

export async function open(element, path, page) {
    await load();
    const term = new Terminal({ cursorBlink: true, fontSize: 13, scrollback: 5000 });
    const fit = new FitAddon.FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();

    const url = new URL(`${path}?cols=${term.cols}&rows=${term.rows}`, document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    const encoder = new TextEncoder();
    const state = s => {
        element.dataset.state = s;
        page.invokeMethodAsync('TerminalStateChanged', s).catch(() => { });
    };

    socket.onopen = () => { state('open'); term.focus(); };
    socket.onmessage = e => {
        if (typeof e.data !== 'string') {
            term.write(new Uint8Array(e.data));
            return;
        }
        const message = JSON.parse(e.data);
        if (message.type === 'exit') {
            term.write(`\r\n[process exited with code ${message.exitCode ?? 'unknown'}]\r\n`);
        } else if (message.type === 'error') {
            term.write(`\r\n[error: ${message.message}]\r\n`);
        }
    };
    socket.onclose = e => {
        // 1006 before opening: the server refused the upgrade (signed out, not an operator, no container).
        state(e.code === 1006 && element.dataset.state !== 'open' ? 'refused' : 'closed');
    };
    term.onData(data => socket.readyState === WebSocket.OPEN && socket.send(encoder.encode(data)));
    term.onBinary(data => socket.readyState === WebSocket.OPEN && socket.send(Uint8Array.from(data, c => c.charCodeAt(0))));
    term.onResize(({ cols, rows }) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ type: 'resize', cols, rows })));
    const resized = new ResizeObserver(() => fit.fit());
    resized.observe(element);

    return {
        close() {
            resized.disconnect();
            socket.close();
            term.dispose();
        },
    };
}
