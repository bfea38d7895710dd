# Sourced (POSIX sh) by ./mvnw and ./arca so that both pick a JDK 21 or newer, whatever is first on the PATH:
# JAVA_HOME, then the java on the PATH, then the JDKs installed under /usr/lib/jvm (Linux) and
# /Library/Java/JavaVirtualMachines (macOS), or under the folders listed in ARCA_JDK_DIRS.

arca_java_major() { # the major version of the java binary $1, or 0
  "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); m = (v[1] == "1" ? v[2] : v[1]) + 0; exit}
                                  END {print m + 0}'
}

arca_jdk_home() { # the JDK home of java binary $1 if it is a JDK 21+ (java and javac), else nothing
  _arca_bin="$(readlink -f "$1" 2>/dev/null || printf %s "$1")"
  _arca_home="$(cd "$(dirname "$_arca_bin")/.." 2>/dev/null && pwd)" || return 1
  [ -x "$_arca_home/bin/javac" ] && [ "$(arca_java_major "$_arca_bin")" -ge 21 ] && printf '%s\n' "$_arca_home"
}

arca_find_jdk() { # prints the home of the first JDK 21+, or returns 1
  case $- in *f*) _arca_noglob=1; set +f ;; *) _arca_noglob= ;; esac
  _arca_found=
  for _arca_java in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java 2>/dev/null || echo /nonexistent)" \
      $(for _arca_dir in ${ARCA_JDK_DIRS:-/usr/lib/jvm /Library/Java/JavaVirtualMachines}; do
          printf '%s\n' "$_arca_dir"/*/bin/java "$_arca_dir"/*/Contents/Home/bin/java; done); do
    if [ -x "$_arca_java" ] && _arca_found="$(arca_jdk_home "$_arca_java")" && [ -n "$_arca_found" ]; then
      break
    fi
    _arca_found=
  done
  [ -z "$_arca_noglob" ] || set -f
  [ -n "$_arca_found" ] && printf '%s\n' "$_arca_found"
}

arca_use_jdk() { # exports JAVA_HOME (and MAVEN_OPTS for JDK 23+) or prints one line and returns 1; $1 names the caller
  if ! _arca_jdk="$(arca_find_jdk)"; then
    echo "$1: a JDK 21 or newer is needed; none found in JAVA_HOME, on the PATH or under" \
      "${ARCA_JDK_DIRS:-/usr/lib/jvm}: install one (e.g. apt install openjdk-21-jdk) or set JAVA_HOME to it" >&2
    return 1
  fi
  JAVA_HOME="$_arca_jdk"
  export JAVA_HOME
  # Maven 3.9 still calls sun.misc.Unsafe, which JDK 23+ warns about on every build: allow it quietly
  if [ "$(arca_java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then
    case " ${MAVEN_OPTS:-} " in
      *--sun-misc-unsafe-memory-access=*) ;;
      *) MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
    esac
  fi
}
