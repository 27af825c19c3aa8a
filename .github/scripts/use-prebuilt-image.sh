#!/usr/bin/env bash
# Make action.yml run a prebuilt image instead of building the Dockerfile:
#   bash .github/scripts/use-prebuilt-image.sh docker://ghcr.io/mof-lint/mof-lint:v1.2.3
# The release workflow runs it on the commit the major tag (v1) points to; the development branch
# keeps `image: Dockerfile`. Fails unless exactly one `image: Dockerfile` line was replaced.
set -euo pipefail
image="$1"
case "$image" in
  docker://*) ;;
  *) echo "use-prebuilt-image: expected docker://<image>:<tag>, got: $image" >&2; exit 2 ;;
esac
file="${2:-action.yml}"
count="$(grep -c '^  image: Dockerfile$' "$file" || true)"
if [ "$count" != "1" ]; then
  echo "use-prebuilt-image: $file must have exactly one '  image: Dockerfile' line (found $count)" >&2
  exit 1
fi
sed -i "s|^  image: Dockerfile\$|  image: '${image}'|" "$file"
