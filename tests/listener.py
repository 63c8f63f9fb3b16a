"""A loopback TCP listener that counts the connections made to it: the target an attacker's SERVICE points at."""

import socket
import threading


class CountingListener:
    """Accepts connections on 127.0.0.1, answers each with a small SPARQL JSON result, and counts them."""

    BODY = b'{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"uri","value":"x:leaked"}}]}}'
    ANSWER = (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n"
              b"Content-Length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY)

    def __init__(self):
        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.connections = 0
        self._running = True
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while self._running:
            try:
                connection, _ = self._socket.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            with connection:
                try:
                    connection.settimeout(1)
                    connection.recv(65536)
                    connection.sendall(self.ANSWER)
                except OSError:
                    pass

    def close(self) -> None:
        """Stop listening."""
        self._running = False
        self._thread.join(timeout=5)
        self._socket.close()
