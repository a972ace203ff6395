# Sourced by scripts/ensure-*.sh: installs Debian packages with apt-get, as root
# or through sudo, without starting any service a package ships (the standard
# policy-rc.d hook, removed afterwards).
# usage: apt_install <who is asking> [apt-get option...] <package>...

apt_install() {
  local who="$1"
  shift
  local run_as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      run_as_root=(sudo)
    else
      echo "$who: this user cannot install packages (not root, no sudo); install them with: apt-get install -y $*" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: apt-get is not available; install $* by hand." >&2
    return 1
  fi
  # `env` carries DEBIAN_FRONTEND through sudo, which drops most of the environment.
  as_root() { ${run_as_root[@]+"${run_as_root[@]}"} env DEBIAN_FRONTEND=noninteractive "$@"; }
  local policy=/usr/sbin/policy-rc.d added_policy=false status=0
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy" && added_policy=true
  fi
  echo "$who: installing $* with apt-get…"
  if ! as_root apt-get update -qq || ! as_root apt-get install -y -qq "$@"; then
    echo "$who: apt-get could not install $* (see above)." >&2
    status=1
  fi
  if [ "$added_policy" = true ]; then as_root rm -f "$policy"; fi
  return "$status"
}
