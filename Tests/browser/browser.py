"""A headless Chromium driven over the DevTools protocol, shared by the browser checks.

Needs Debian's `chromium` and the `websocket-client` package (installed here if missing).
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    import websocket  # websocket-client
except ImportError:
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "websocket-client"])
    import websocket


class Browser:
    """A headless Chromium and one page, driven over the DevTools protocol."""

    def __init__(self):
        executable = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not executable:
            sys.exit("check_site: chromium is not installed (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="workbook-chromium-")
        self.process = subprocess.Popen(
            [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile}", "--window-size=1280,900",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        else:
            self.close()
            sys.exit("check_site: chromium did not start")
        port = open(port_file).read().split()[0]
        targets = []
        for _ in range(100):
            targets = [t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list")) if t["type"] == "page"]
            if targets:
                break
            time.sleep(0.05)
        self.socket = websocket.create_connection(targets[0]["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.events = []
        self.requests = []
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call("Network.enable")

    def call(self, method, **params):
        self.next_id += 1
        message_id = self.next_id
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.record(message)

    def record(self, message):
        if message.get("method") == "Network.requestWillBeSent":
            self.requests.append(message["params"]["request"]["url"])
        self.events.append(message.get("method"))

    def wait_for(self, event, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if event in self.events:
                self.events.remove(event)
                return
            message = json.loads(self.socket.recv())
            self.record(message)
        raise RuntimeError(f"timed out waiting for {event}")

    def open(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def viewport(self, width, height=900):
        """Lays the page out as a window `width` CSS pixels wide (a phone at 390)."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=width < 700)

    def media(self, media):
        """Lays the page out for `print` or, with "", the screen; the colour scheme stays."""
        self.emulated_media = media
        self.emulate()

    def color_scheme(self, scheme):
        """Sets `prefers-color-scheme` to "light" or "dark"; the media type stays."""
        self.scheme = scheme
        self.emulate()

    def emulate(self):
        # One call sets both: each call replaces everything emulated before.
        self.call("Emulation.setEmulatedMedia", media=getattr(self, "emulated_media", ""),
                  features=[{"name": "prefers-color-scheme", "value": getattr(self, "scheme", "light")}])

    def screenshot(self, path, height=None):
        metrics = self.call("Page.getLayoutMetrics")
        full = metrics["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": 1280, "height": min(height or full["height"], full["height"]), "scale": 1}
        data = self.call("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    def close(self):
        try:
            self.socket.close()
        except Exception:
            pass
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
