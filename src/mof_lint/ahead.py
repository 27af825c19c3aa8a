"""The listing of the checkout, started in a child process while this one imports the rest.

A check spends its first tenths of a second importing the detectors (the Markdown parser, the YAML
loader, a few hundred patterns), and then lists the tree: on a hundred thousand files, about as long
again. Neither needs the other, so `mof-lint check` forks before the imports: the child walks the
tree (or reads git's listing) with the same code a view uses and sends what it found, as plain data
in path order (`RepoView.recorded_listing`); the view then only makes its entries from it. On two
cores the walk and the imports overlap; on one, nothing is lost but a fork.

Nothing here changes what is listed: the child runs the view's own listing, with the same root and
the same exclude patterns (a view given a listing of another root or other patterns lists by
itself), and any failure of the child (no fork on this platform, an error, a signal, a short
message) makes the view list by itself. The child never writes anywhere but its pipe, and ends
with os._exit (the parent's buffered output, handlers and files are not its to flush or close).
"""
from __future__ import annotations

import marshal
import os
import pickle
import select
import signal
import time

# A child that has sent nothing after this long is stuck (its listing is bounded like the parent's
# own: git's timeouts, the file cap): it is stopped, and the view lists by itself.
WAIT_SECONDS = 120.0


class ListingAhead:
    def __init__(self, root: str, exclude: tuple[str, ...]) -> None:
        self.key = (os.path.realpath(root), tuple(exclude))
        self.pid: int | None = None
        self.fd: int | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: the view lists by itself
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child
            try:
                os.close(read)
                from mof_lint.repo import RepoView
                record, *state = RepoView.recorded_listing(*self.key)
                # the record (a hundred thousand names) by marshal: a third of pickle's time
                data = pickle.dumps((marshal.dumps(record), state), pickle.HIGHEST_PROTOCOL)
                with open(write, "wb") as pipe:
                    pipe.write(data)
            finally:
                os._exit(0)
        os.close(write)
        self.pid, self.fd = pid, read

    def take(self, root: str, exclude: tuple[str, ...]):
        """The child's recorded listing when it is of `root` (real path) and `exclude`; None
        otherwise, or when the child failed. Taken once."""
        fd, self.fd = self.fd, None
        if fd is None:
            return None
        try:
            if (root, tuple(exclude)) != self.key:
                return None
            data = _read_all(fd, time.monotonic() + WAIT_SECONDS)
            if not data:
                return None
            record, state = pickle.loads(data)  # our own child's bytes, not the repository's
            return (marshal.loads(record), *state)
        except Exception:  # noqa: BLE001 - a short or broken message: the view lists by itself
            return None
        finally:
            os.close(fd)
            self.close()

    def close(self) -> None:
        """Stop and reap the child (a listing nobody took is not waited for)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.pid is not None:
            pid, self.pid = self.pid, None
            try:
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
            except OSError:
                pass

    def __enter__(self) -> ListingAhead:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _read_all(fd: int, deadline: float) -> bytes | None:
    """Everything until the writer closes its end, or None once `deadline` passes."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
