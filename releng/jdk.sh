# Sourced by ./ifpp, ./ifpp-studio, releng/test and .ci/run: selects a JDK 21+ (what Eclipse 4.39 and Tycho 5 need)
# and exports JAVA_HOME. JAVA_HOME wins when it is new enough; otherwise the newest JDK under /usr/lib/jvm, then the
# `java` on PATH. Prints one clear sentence and returns 1 when there is none.

ifpp_java_major() { # <java home> -> major version, or nothing
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

ifpp_select_jdk() {
    local candidates=() home major best="" best_major=0 seen=""
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    for home in /usr/lib/jvm/*; do [ -d "$home" ] && candidates+=("$home"); done
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for home in "${candidates[@]}"; do
        [ -x "$home/bin/java" ] || continue
        major=$(ifpp_java_major "$home")
        [ -n "$major" ] || continue
        seen="$seen $(basename "$home")=$major"
        if [ "$home" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best=$home; break; fi
        if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$home; best_major=$major; fi
    done
    if [ -z "$best" ]; then
        echo "IFPP Studio needs a JDK 21 or newer, and none was found (JAVA_HOME, /usr/lib/jvm, PATH:${seen:- none})." \
             "Install one and point JAVA_HOME at it." >&2
        return 1
    fi
    export JAVA_HOME=$best
    export PATH="$JAVA_HOME/bin:$PATH"
}
