#!/usr/bin/env bash
# Builds forgelink-agent's container image from the Dockerfile with docker, podman or buildah,
# whichever is installed. Usage: scripts/build-image.sh [TAG]   (default forgelink-agent:VERSION)
#
# FORGELINK_AGENT_BINARY=PATH builds only the runtime stage, around an agent already built (the
#   tests do, to stay within CI's time); the stage is taken from the Dockerfile, not a copy of it.
# FORGELINK_BASE_FROM_MMDEBSTRAP=1 makes the Debian 12 base images with mmdebstrap and imports them
#   under the names the Dockerfile's FROM lines use, for machines that reach Debian's packages but
#   no container registry (buildah only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(sed -n 's/^project(forgelink VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
tag=${1:-forgelink-agent:$version}

# The first builder that works here (a docker client without its daemon does not), or
# FORGELINK_IMAGE_BUILDER.
builder=${FORGELINK_IMAGE_BUILDER:-}
if [ -z "$builder" ]; then
  for candidate in docker podman buildah; do
    command -v "$candidate" >/dev/null || continue
    case "$candidate" in
      buildah) buildah --storage-driver "${STORAGE_DRIVER:-vfs}" images >/dev/null 2>&1 && builder=$candidate ;;
      *) "$candidate" info >/dev/null 2>&1 && builder=$candidate ;;
    esac
    [ -n "$builder" ] && break
  done
fi
[ -n "$builder" ] || { echo "build-image: no working docker, podman or buildah here (Debian: apt-get install buildah)" >&2; exit 1; }

# buildah as root in a container or sandbox: no overlay mounts, no namespaces of its own.
buildah_flags=()
build_flags=()
if [ "$builder" = buildah ]; then
  buildah_flags=(--storage-driver "${STORAGE_DRIVER:-vfs}")
  build_flags=(--isolation chroot)
fi

if [ "${FORGELINK_BASE_FROM_MMDEBSTRAP:-0}" = 1 ]; then
  [ "$builder" = buildah ] || { echo "build-image: FORGELINK_BASE_FROM_MMDEBSTRAP needs buildah" >&2; exit 1; }
  command -v mmdebstrap >/dev/null || { echo "build-image: mmdebstrap is missing (apt-get install mmdebstrap)" >&2; exit 1; }
  if ! buildah "${buildah_flags[@]}" inspect --type image docker.io/library/debian:12-slim >/dev/null 2>&1; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mmdebstrap --variant=minbase --quiet bookworm "$work/base.tar"
    container=$(buildah "${buildah_flags[@]}" from scratch)
    tar -C "$(buildah "${buildah_flags[@]}" mount "$container")" -xf "$work/base.tar"
    buildah "${buildah_flags[@]}" umount "$container" >/dev/null
    buildah "${buildah_flags[@]}" commit -q "$container" docker.io/library/debian:12-slim >/dev/null
    buildah "${buildah_flags[@]}" rm "$container" >/dev/null
    buildah "${buildah_flags[@]}" tag docker.io/library/debian:12-slim docker.io/library/debian:12
  fi
fi

context=$root
dockerfile=$root/Dockerfile
if [ -n "${FORGELINK_AGENT_BINARY:-}" ]; then
  context=$(mktemp -d)
  trap 'rm -rf "$context" "${work:-}"' EXIT
  cp "$FORGELINK_AGENT_BINARY" "$context/forgelink-agent"
  # The Dockerfile's last stage, taking the agent from the context instead of the build stage.
  awk '/^FROM /{stage=$0; text=""} {text=text $0 "\n"} END{printf "%s", text}' "$root/Dockerfile" \
    | sed 's#^COPY --from=build /src/build/agent/forgelink-agent #COPY forgelink-agent #' > "$context/Dockerfile"
  dockerfile=$context/Dockerfile
fi

case "$builder" in
  buildah) buildah "${buildah_flags[@]}" bud "${build_flags[@]}" -q -t "$tag" -f "$dockerfile" "$context" ;;
  *) "$builder" build -t "$tag" -f "$dockerfile" "$context" ;;
esac
echo "build-image: built $tag with $builder"
