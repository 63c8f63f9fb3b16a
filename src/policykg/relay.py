"""The endpoint in front of a store: requests passed on to a SPARQL 1.1 store, behind the same guards.

``policykg serve --store URL`` answers ``/sparql`` with a :class:`StoreRelay` where it would otherwise
use the worker pool (:mod:`policykg.workers`). Each request goes through :func:`policykg.workers.execute`
as in a worker: the guard (:mod:`policykg.guard`) refuses SERVICE and updates *before* the query leaves
policykg (Oxigraph server follows SERVICE to any URL even when read-only), the answer is written by
:mod:`policykg.results` under the row cap, and the store is given only the time left of the request's
deadline. At most ``size`` requests are at the store at once; the rest wait within their deadline.
The store's own limits (memory, its own time-outs, who may reach it) stay the store's.
"""

import threading
import time

from .remote import RemoteStore, shown_url
from .workers import Answer, Request, execute, text_answer


class StoreRelay:
    """Answers endpoint requests by the store at ``query_url``, ``size`` at a time."""

    def __init__(self, query_url: str, size: int):
        self.url = query_url
        self._size = size
        self._slots = threading.BoundedSemaphore(size)

    @property
    def size(self) -> int:
        """How many requests may be at the store at once."""
        return self._size

    @property
    def network(self) -> str:
        """Where queries go, for the server's start-up line."""
        return f"relay to {shown_url(self.url)}: SERVICE and updates refused before a query leaves"

    def run(self, request: Request, arrived: float, timeout: float) -> Answer:
        """Answer ``request``, which ``arrived`` at that :func:`time.monotonic` time, within ``timeout`` seconds, or 503."""
        deadline = arrived + timeout
        if not self._slots.acquire(timeout=max(0.0, deadline - time.monotonic())):
            return text_answer(503, f"all {self._size} connections to the store stayed busy for the request's whole "
                                    f"timeout of {timeout:g} s; try again in a moment", headers=(("Retry-After", "1"),))
        try:
            left = deadline - time.monotonic()
            if left <= 0:
                return text_answer(503, f"the query waited past the server's timeout of {timeout:g} s; try again in a moment")
            return execute(RemoteStore(self.url, timeout=left), request)
        finally:
            self._slots.release()

    def close(self) -> None:
        """Nothing to stop: each request holds its own connection."""
