#!/usr/bin/env python3
"""Unpack a fetched repository snapshot (a bare git directory) into a work tree for reading and
scoring, even when the snapshot lacks some blobs (the library's snapshots leave out files of
4 MiB and more, and LFS content).

Usage: python3 benchmarks/snapshot.py GIT_DIR DEST
       python3 benchmarks/snapshot.py --index GIT_DIR DEST   (an existing DEST: only the index)
Writes the files of HEAD under DEST (a new folder): each blob the snapshot has, byte for byte; each
blob it lacks as a sparse file, listed in DEST.left-out.tsv. A tree does not record its blobs' sizes
(`git ls-tree -l` prints "-" for a blob the object store lacks), so a missing blob is written at
LEFT_OUT_MIN, the least a left-out file can be: a 2 GB weights file stays visible by name and as a
large file without a byte of content (an empty placeholder, as this script wrote before 2026-12-02's
fifth session, made committed weights look like empty files). Symlinks and submodules are not
written (a snapshot is untrusted: nothing may point out of DEST). Prints the commit.
DEST is also made a git work tree whose index lists exactly those files (with their blob ids; the
object store stays empty): mof-lint then lists it with `git ls-files`, as it lists a real checkout.
Without the index it would walk the tree and apply .gitignore, dropping tracked files that an
ignore pattern matches (a `data/` pattern over a committed data/README.md), which a checkout keeps.
Blobs are read with `git cat-file --batch`, which applies no filter or textconv; the repository's
own configuration is ignored.
"""
import os
import subprocess
import sys

LEFT_OUT_MIN = 4 << 20  # the library's snapshots leave out blobs of 4 MiB and more
GIT = ["git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "--no-pager"]
ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
       "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0"}


def git(git_dir, *args, **kw):
    return subprocess.run([*GIT, f"--git-dir={git_dir}", *args], env=ENV, check=True,
                          capture_output=True, **kw).stdout


def safe(path):
    return not any(p in ("", ".", "..") or p.lower() == ".git" for p in path.split("/"))


def unpack(git_dir, dest):
    commit = git(git_dir, "rev-parse", "HEAD").decode().strip()
    listing = git(git_dir, "ls-tree", "-r", "-z", "-l", "--full-tree", "HEAD")
    blobs = []  # (oid, path, size)
    for rec in os.fsdecode(listing).split("\0"):
        meta, _, path = rec.partition("\t")
        fields = meta.split()
        if len(fields) == 4 and fields[1] == "blob" and fields[0] in ("100644", "100755") and safe(path):
            blobs.append((fields[2], path, int(fields[3]) if fields[3].isdigit() else None))
    os.makedirs(dest)
    request = "".join(f"{oid}\n" for oid, _, _ in blobs).encode()
    proc = subprocess.Popen([*GIT, f"--git-dir={git_dir}", "cat-file", "--batch"], env=ENV,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    import threading
    threading.Thread(target=lambda: (proc.stdin.write(request), proc.stdin.close()), daemon=True).start()
    left_out = []
    for oid, path, size in blobs:
        header = proc.stdout.readline().split()
        full = os.path.join(dest, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "xb") as out:
            if len(header) == 3 and header[1] == b"blob":
                out.write(proc.stdout.read(int(header[2])))
                proc.stdout.read(1)
            else:  # "<oid> missing": the snapshot left it out
                out.truncate(size if size is not None else LEFT_OUT_MIN)
                left_out.append(f"{path}\t{size if size is not None else f'unknown, written as {LEFT_OUT_MIN}'}")
    proc.wait()
    with open(dest.rstrip("/") + ".left-out.tsv", "w") as f:
        f.write("path\tsize\n" + "".join(line + "\n" for line in left_out))
    index(git_dir, dest)
    return commit, len(blobs), len(left_out)


def index(git_dir, dest):
    """Make DEST a git work tree whose index lists HEAD's regular files that DEST holds."""
    listing = git(git_dir, "ls-tree", "-r", "-z", "--full-tree", "HEAD")
    lines = []
    for rec in os.fsdecode(listing).split("\0"):
        meta, _, path = rec.partition("\t")
        fields = meta.split()
        if len(fields) == 3 and fields[1] == "blob" and fields[0] in ("100644", "100755") and safe(path) \
                and os.path.isfile(os.path.join(dest, path)) and "\n" not in path:
            lines.append(f"{fields[0]} {fields[2]}\t{path}\n")
    if os.path.lexists(os.path.join(dest, ".git")):
        raise SystemExit(f"{dest}/.git exists")
    subprocess.run([*GIT, "init", "-q", dest], env=ENV, check=True)
    subprocess.run([*GIT, "-C", dest, "update-index", "--add", "--index-info"], env=ENV, check=True,
                   input="".join(lines).encode())


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--index":
        index(sys.argv[2], sys.argv[3])
        sys.exit(0)
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    commit, files, missing = unpack(sys.argv[1], sys.argv[2])
    print(f"{commit}  {files} files, {missing} left out (sparse placeholders)")
