#!/usr/bin/env bash
# Builds the local test images from Debian's /bin/busybox (busybox-static) with `docker import`.
# Idempotent: an image whose boilerhouse.content-hash label matches is left as it is.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BUSYBOX=/bin/busybox
FILES="$ENG_ROOT/eng/images/busybox"
HASH_LABEL=boilerhouse.content-hash
IMAGE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

[[ -x "$BUSYBOX" ]] || die "$BUSYBOX missing: run eng/setup-docker.sh first (it installs busybox-static)"
docker version >/dev/null 2>&1 || die "docker engine does not answer: run eng/setup-docker.sh first"

take_lock build-images

content_hash="$(
  {
    sha256sum "$BUSYBOX" "${BASH_SOURCE[0]}"
    (cd "$FILES" && find . -type f | LC_ALL=C sort | xargs sha256sum)
  } | awk '{print $1}' | sha256sum | cut -c1-16
)"

image_current() {
  local label
  label="$(docker image inspect -f "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$1" 2>/dev/null)" || return 1
  [[ "$label" == "$content_hash" ]]
}

# name|CMD in JSON exec form
images=(
  'boilerhouse/busybox:local|["sh"]'
  'boilerhouse/slowstart:local|["sh","-c","sleep 2; touch /tmp/ready; httpd -f -p 8080 -h /www"]'
)

todo=()
for entry in "${images[@]}"; do
  if image_current "${entry%%|*}"; then
    log "${entry%%|*} is current ($content_hash)"
  else
    todo+=("$entry")
  fi
done
((${#todo[@]} > 0)) || exit 0

rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT

mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,root,tmp,state,secrets,config,comm,www}
install -m 0755 "$BUSYBOX" "$rootfs/bin/busybox"
while read -r applet; do
  [[ "$applet" == bin/busybox || "$applet" == linuxrc ]] && continue
  mkdir -p "$rootfs/$(dirname "$applet")"
  ln -sf /bin/busybox "$rootfs/$applet"
done < <("$BUSYBOX" --list-full)
install -m 0644 "$FILES/etc/passwd" "$FILES/etc/group" "$rootfs/etc/"
install -m 0644 "$FILES/www/index.html" "$rootfs/www/index.html"
chmod 1777 "$rootfs/tmp"
chmod 0700 "$rootfs/root"
chown -R 65534:65534 "$rootfs"/{state,secrets,config,comm,www}
chmod 0755 "$rootfs"/{state,secrets,config,comm,www}

for entry in "${todo[@]}"; do
  name="${entry%%|*}"
  cmd="${entry#*|}"
  log "building $name ($content_hash)"
  tar --numeric-owner -C "$rootfs" -c . | docker import \
    --change "CMD $cmd" \
    --change "ENV PATH=$IMAGE_PATH" \
    --change "LABEL $HASH_LABEL=$content_hash" \
    --message "boilerhouse local test image" \
    - "$name" >/dev/null
done
# Old builds lose their tag when a new one is imported; drop them.
docker image prune -f --filter "label=$HASH_LABEL" >/dev/null 2>&1 || true
log "images ready"
