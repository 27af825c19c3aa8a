"""Work a check does in a child process while this one does other work: the listing of the checkout
while the checks are imported (ListingAhead), then the parsing of its Python files while the
Markdown and configuration files are read (ParsingAhead).

A check spends its first tenths of a second importing the detectors (the Markdown parser, the YAML
loader, a few hundred patterns), and then lists the tree: on a hundred thousand files, about as long
again. Neither needs the other, so `mof-lint check` forks before the imports: the child walks the
tree (or reads git's listing) with the same code a view uses and sends what it found, as plain data
in path order (`RepoView.recorded_listing`); the view then only makes its entries from it. On two
cores the walk and the imports overlap; on one, nothing is lost but a fork. Once the view is made,
a second child (a copy of it, by fork) parses the Python files, the longest part of a check on a
code repository, and sends the facts and its notes back; once they are in, a third runs half of the
detectors while this process runs the other half (DetectingAhead).

Nothing here changes what is found: each child runs the view's own code on the same input (a view
given a listing of another root or other patterns lists by itself), and any failure of a child (no
fork on this platform, an error, a signal, a short message, nothing within WAIT_SECONDS) leaves the
work to this process. A child never writes anywhere but its pipe, and ends with os._exit (the
parent's buffered output, handlers and files are not its to flush or close).
"""
from __future__ import annotations

import marshal
import os
import pickle
import select
import signal
import time

# A child that has sent nothing after this long is stuck (its work is bounded like the parent's own:
# git's timeouts, the file cap, the content deadline): it is stopped, and the work is done here.
WAIT_SECONDS = 120.0


class _Ahead:
    """Work of this process's state done in a forked child, its pickled answer taken later: the
    child's answer, or None when there is no fork, the child failed, or nothing came in time."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.fd: int | None = None

    def _fork(self, answer) -> None:
        """Run answer() (bytes) in a child; the parent goes on at once."""
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no process to spare: the work is done here
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child
            try:
                os.close(read)
                data = answer()
                with open(write, "wb") as pipe:
                    pipe.write(data)
            finally:
                os._exit(0)
        os.close(write)
        self.pid, self.fd = pid, read

    def _collect(self) -> bytes | None:
        """The child's answer (b"" when it sent nothing); None when there is no child or it is
        late. Taken once; the child is reaped."""
        fd, self.fd = self.fd, None
        if fd is None:
            return None
        data = None
        try:
            data = _read_all(fd, time.monotonic() + WAIT_SECONDS)
            return data
        finally:
            os.close(fd)
            # A child that answered is ending: reaped now if it is done, else by close() (waiting here
            # for the system to take back a copy of a large view cost 10 ms). A late one is stopped.
            self._reap(stop=data is None)

    def close(self) -> None:
        """Stop and reap the child (an answer nobody took is not waited for)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        self._reap(stop=True)

    def _reap(self, stop: bool) -> None:
        """Reap the child if it has ended; with `stop`, end it first if it has not."""
        if self.pid is None:
            return
        try:
            if os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                if not stop:
                    return
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
        except OSError:
            pass
        self.pid = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class ListingAhead(_Ahead):
    def __init__(self, root: str, exclude: tuple[str, ...]) -> None:
        super().__init__()
        self.key = (os.path.realpath(root), tuple(exclude))
        self._fork(self._listing)

    def _listing(self) -> bytes:
        from mof_lint.repo import RepoView
        record, *state = RepoView.recorded_listing(*self.key)
        # the record (a hundred thousand names) by marshal: a third of pickle's time
        return pickle.dumps((marshal.dumps(record), state), pickle.HIGHEST_PROTOCOL)

    def take(self, root: str, exclude: tuple[str, ...]):
        """The child's recorded listing when it is of `root` (real path) and `exclude`; None
        otherwise, or when the child failed. Taken once."""
        if (root, tuple(exclude)) != self.key:
            self.close()
            return None
        try:
            data = self._collect()
            if not data:
                return None
            record, state = pickle.loads(data)  # our own child's bytes, not the repository's
            return (marshal.loads(record), *state)
        except Exception:  # noqa: BLE001 - a short or broken message: the view lists by itself
            return None


class ParsingAhead(_Ahead):
    """The Python files of a view parsed by a child (`common.python_files`) while this process reads
    the Markdown and configuration files: on a code repository, parsing is the longest part of a
    check. The child's notes (a file that does not parse, a budget reached) join the view's
    findings when the parse is taken; a failed child leaves the parsing to this process."""

    def __init__(self, view) -> None:
        super().__init__()
        self.view = view
        view.with_ext(".py")  # the index by extension, which both processes ask for first, made once
        self._fork(self._parse)
        if self.fd is not None:
            view.pending["python_files"] = self.take

    def _parse(self) -> bytes:
        from mof_lint.detectors import common, data
        view = self.view
        mark = view.notes_mark()
        facts = common.python_files(view)
        # then the sizes the data check asks for, one system call each: facts, whoever learns them
        sizes = view.sizes_of(data.data_candidates(view)[0])
        return pickle.dumps((facts, *view.notes_since(mark), sizes), pickle.HIGHEST_PROTOCOL)

    def take(self):
        """The parsed files (the child's notes and the sizes it learned added to the view), or None."""
        try:
            data = self._collect()
            if not data:
                return None
            facts, findings, noted, sizes = pickle.loads(data)  # our own child's bytes
        except Exception:  # noqa: BLE001 - a short or broken message: parsed here instead
            return None
        self.view.adopt_notes(findings, noted)
        self.view.adopt_sizes(sizes)
        return facts


class DetectingAhead(_Ahead):
    """Some of the checks run by a child (a copy of the view, its documents read and its Python files
    parsed) while this process runs the others: on two cores the detectors take about half as long.
    `tasks` are (name, run, fallback): the child runs each as `detectors.guarded` would and sends the
    results and its notes; `result(name)` gives one, or None when the child failed (the caller then
    runs it here)."""

    def __init__(self, view, tasks) -> None:
        super().__init__()
        self.view = view
        self.tasks = tasks
        self.names = frozenset(name for name, _run, _fallback in tasks)
        self._results: dict | None = None
        self._taken = False
        self._fork(self._detect)

    def _detect(self) -> bytes:
        from mof_lint.detectors import guarded
        view = self.view
        mark = view.notes_mark()
        results = {name: guarded(view.findings, name, run, fallback) for name, run, fallback in self.tasks}
        return pickle.dumps((results, *view.notes_since(mark), _learned_licenses()), pickle.HIGHEST_PROTOCOL)

    def result(self, name: str):
        """The child's result of task `name` (its notes joined to the view's findings when the first is
        taken); None when there is no such result (no fork, the child failed or was late)."""
        if not self._taken:
            self._taken = True
            try:
                data = self._collect()
                if data:
                    results, findings, noted, learned = pickle.loads(data)  # our own child's bytes
                    self.view.adopt_notes(findings, noted)
                    _adopt_licenses(learned)
                    self._results = results
            except Exception:  # noqa: BLE001 - a short or broken message: run here instead
                self._results = None
        return None if self._results is None else self._results.get(name)


def _learned_licenses() -> tuple[set, set]:
    """What the child's license matcher learned of licenses of their own (LicenseRef-<title>): which
    restrict use, which are a model's. The catalog keeps it per process, and the parent reports it."""
    from mof_lint.licenses.catalog import catalog
    cat = catalog()
    return set(cat.custom_restricted), set(cat.custom_models)


def _adopt_licenses(learned: tuple[set, set]) -> None:
    from mof_lint.licenses.catalog import catalog
    cat = catalog()
    restricted, models = learned
    cat.custom_restricted |= restricted
    cat.custom_models |= models


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
