# Shared helpers of the image OS scripts (sourced; the scripts run with the OS directory as
# their working directory and a clean environment: OSP_*, DISK_*, GANETI_ROOTDIR, ...).

fail() {
  echo "image: $*" >&2
  exit 1
}

# The image path on this node, from OSP_IMAGE: an absolute path or a file:// URL. A virtual
# node (GANETI_ROOTDIR set) keeps its files under its root, like every other node path.
image_path() {
  src="${OSP_IMAGE:-}"
  [ -n "$src" ] || fail "the OS parameter 'image' is required (an absolute path on the node, e.g. -O image=/srv/images/debian.qcow2)"
  case "$src" in
    file://*) src="${src#file://}" ;;
    *://*) fail "unsupported image location '$OSP_IMAGE': only absolute paths and file:// URLs are allowed (download the image to the node first)" ;;
  esac
  case "$src" in
    /*) ;;
    *) fail "the image path '$OSP_IMAGE' must be absolute" ;;
  esac
  case "/$src/" in
    */../*|*/./*) fail "the image path '$OSP_IMAGE' must be normalized (no '.' or '..' components)" ;;
  esac
  if [ -n "${GANETI_ROOTDIR:-}" ]; then
    case "$src" in
      "$GANETI_ROOTDIR"/*) ;;
      *) src="$GANETI_ROOTDIR$src" ;;
    esac
  fi
  [ -e "$src" ] || fail "image '$OSP_IMAGE' does not exist on node ${GANETI_HOSTNAME:-$(hostname)}"
  [ -f "$src" ] || [ -b "$src" ] || fail "image '$OSP_IMAGE' is not a regular file or block device"
  [ -r "$src" ] || fail "image '$OSP_IMAGE' is not readable"
  echo "$src"
}

# The format of an image: OSP_IMAGE_TYPE when given, else what qemu-img detects; raw or qcow2.
image_format() {
  fmt="${OSP_IMAGE_TYPE:-}"
  if [ -z "$fmt" ]; then
    fmt=$(qemu-img info -U "$1" 2>/dev/null | sed -n 's/^file format: //p') || true
    [ -n "$fmt" ] || fail "cannot read image '$OSP_IMAGE' with qemu-img info"
  fi
  case "$fmt" in
    raw|qcow2) echo "$fmt" ;;
    *) fail "unsupported image format '$fmt' of '$OSP_IMAGE' (allowed: raw, qcow2)" ;;
  esac
}

# The virtual size in bytes of an image in the given format.
virtual_size() {
  qemu-img info -U -f "$2" "$1" | sed -n 's/^virtual size: .*(\([0-9]*\) bytes)$/\1/p'
}
