# mof-lint as a Docker container action. The base is pinned to an exact Python release on Debian
# bookworm; build with another base (e.g. a locally imported one, see README "Docker") with
#   docker build --build-arg BASE=<image> .
ARG BASE=python:3.12.8-slim-bookworm
FROM ${BASE}

# PIP_BREAK_SYSTEM_PACKAGES: a Debian base's own python3 is "externally managed" (PEP 668); the image
# has no other Python to protect. It changes nothing on the official python image.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_BREAK_SYSTEM_PACKAGES=1

# git lists the checkout (git ls-files) and reads a pull request's base commit for the class-drop
# check. mof-lint runs git only through gitsafe.py (explicit GIT_DIR, no system or global config, every
# command-running setting overridden), so it needs no exception here; the one below is for anyone else
# running git in the container, and names only the workspace GitHub mounts (which belongs to another
# user): never '*', which would switch git's ownership protection off for every repository.
# hadolint ignore=DL3008
RUN if ! command -v git >/dev/null; then \
        apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*; \
    fi && git config --system --add safe.directory /github/workspace

WORKDIR /opt/mof-lint
COPY pyproject.toml README.md ./
COPY src ./src
COPY schemas ./schemas
# [hub]: the `with` input may name Hub repositories (hf:ORG/MODEL), read through huggingface_hub.
# It installs this project (".[hub]" is the local folder with an extra, not a package from an index:
# the versions are pyproject.toml's), which hadolint cannot tell from an unpinned package.
# hadolint ignore=DL3013
RUN python3 -m pip install --no-cache-dir ".[hub]" && python3 -m mof_lint --version

ENTRYPOINT ["mof-lint"]
CMD ["action"]
