#!/usr/bin/env bash
# The one test command for the whole repository (CI runs it through .ci/run).
#
# TorchSharp 0.107's native library needs libstdc++ with GLIBCXX_3.4.32 (GCC 13+). When the host's libstdc++ is
# older (Debian 12), the native TorchSharp tests run inside a Debian trixie root made once with debootstrap and
# cached in .ci/cache/ (gitignored); the repository, the .NET SDK and the NuGet cache are bind-mounted into it at
# the same paths, so the build made on the host is used as it is. Everything else runs on the host.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# debootstrap, chroot, mount and ldconfig live in sbin, which a non-login shell's PATH may lack.
export PATH="$PATH:/usr/sbin:/sbin"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# One C# compiler server (VBCSCompiler) for the whole run keeps Roslyn and the analyzers loaded across its many
# compilations (the build, and the integration tests' builds of the packed consumers): a build of the analyzer
# projects took 23 % less wall time with it on a loaded machine. The environment may turn it off
# (UseSharedCompilation=false); the run turns it on, and shuts it down at the end so nothing is left running.
export UseSharedCompilation=true
# Native tests fail, not skip, when libtorch cannot load: this script exists to run them.
export SEEDANALYZERS_REQUIRE_LIBTORCH=1

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
nuget_root=${NUGET_PACKAGES:-$HOME/.nuget/packages}
cache="$repo/.ci/cache"
root="$cache/trixie"

host_has_glibcxx_3_4_32() {
  local lib
  lib=$(ldconfig -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ { print $NF; exit }')
  [[ -n "$lib" ]] && grep -aq 'GLIBCXX_3\.4\.32' "$lib"
}

# Mount points live under the root; removing a half-made root with something still mounted there would delete
# the host's files, so refuse instead.
assert_nothing_mounted_under() {
  if awk -v prefix="$1/" 'index($2, prefix) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
    echo "test.sh: something is still mounted under $1; unmount it before retrying" >&2
    exit 1
  fi
}

make_root() {
  [[ -f "$root/.seedanalyzers-complete" ]] && return 0
  if ! command -v debootstrap >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  fi
  mkdir -p "$cache"
  if [[ -e "$root" ]]; then
    assert_nothing_mounted_under "$root"
    rm -rf --one-file-system "$root"
  fi
  echo "test.sh: creating a Debian trixie root for libtorch in $root (once)"
  local mirror
  # The Debian mirror this machine's apt uses (the one serving the bookworm suite), else debootstrap's default.
  mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '/^URIs:/ { uri = $2 } /^Suites:.*bookworm( |$)/ && uri ~ /debian\/?$/ { print uri; exit }' || true)
  debootstrap --variant=minbase trixie "$root" ${mirror:+"$mirror"} > "$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  touch "$root/.seedanalyzers-complete"
}

mounted=()
unmount_all() {
  local i
  for (( i = ${#mounted[@]} - 1; i >= 0; i-- )); do
    umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
  done
  mounted=()
}

bind_into_root() {
  local target="$root$1"
  mkdir -p "$target"
  mount --bind "$1" "$target"
  mounted+=("$target")
}

root_pid=
cleanup() {
  # A debootstrap killed halfway could leave its /proc mounted inside the root: wait for it, even after a failure.
  [[ -z "$root_pid" ]] || wait "$root_pid" || true
  unmount_all
  dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

run_native_tests_in_root() {
  mkdir -p "$root/proc" && mount -t proc proc "$root/proc" && mounted+=("$root/proc")
  bind_into_root /dev
  bind_into_root "$dotnet_root"
  bind_into_root "$nuget_root"
  bind_into_root "$repo"
  chroot "$root" /usr/bin/env -i \
    HOME="$HOME" PATH="$dotnet_root:/usr/bin:/bin" CI="${CI:-}" SEEDANALYZERS_REQUIRE_LIBTORCH=1 \
    DOTNET_ROOT="$dotnet_root" NUGET_PACKAGES="$nuget_root" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 \
    /bin/sh -c "cd '$repo' && dotnet test tests/SeedAnalyzers.TorchSharp.Tests -c Release --no-build --filter Category=Native" \
    </dev/null
  unmount_all
}

if host_has_glibcxx_3_4_32; then
  dotnet build SeedAnalyzers.sln -c Release
  dotnet test SeedAnalyzers.sln -c Release --no-build
else
  echo "test.sh: host libstdc++ lacks GLIBCXX_3.4.32; native TorchSharp tests run in a Debian trixie root"
  if [[ $(id -u) -ne 0 ]]; then
    echo "test.sh: the native TorchSharp tests need root here (debootstrap, mount, chroot) or a host libstdc++ from GCC 13+" >&2
    exit 1
  fi
  # debootstrap waits mostly on the network and the disk: it makes the root while the build and host tests run.
  mkdir -p "$cache"
  make_root > "$cache/make_root.log" 2>&1 &
  root_pid=$!
  dotnet build SeedAnalyzers.sln -c Release
  dotnet test SeedAnalyzers.sln -c Release --no-build --filter 'Category!=Native'
  made=0
  wait "$root_pid" || made=$?
  root_pid=
  cat "$cache/make_root.log"
  [[ $made -eq 0 ]] || exit 1
  run_native_tests_in_root
fi
