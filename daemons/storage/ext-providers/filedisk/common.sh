# Shared by the filedisk scripts (sourced): checks the variables Ganeti passes and names the
# volume's file. Volumes are sparse files in the directory given by the "dir" parameter
# (EXTP_DIR); under a virtual node that directory is inside the node's root.
die() { echo "filedisk: $*" >&2; exit 1; }
case "${VOL_NAME:-}" in
  ''|.*|*/*) die "invalid VOL_NAME '${VOL_NAME:-}'" ;;
esac
dir=${EXTP_DIR:-/srv/ganeti/filedisk}
case "$dir" in
  /*) ;;
  *) die "the dir parameter must be an absolute path, got '$dir'" ;;
esac
FD_DIR="${GANETI_ROOTDIR:-}$dir"
FD_FILE="$FD_DIR/$VOL_NAME"
is_mib() { case "$1" in ''|*[!0-9]*) return 1 ;; *) return 0 ;; esac; }
