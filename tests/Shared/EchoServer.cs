namespace Boilerhouse.Testing;

/// <summary>
/// A tiny HTTP and WebSocket echo server in busybox sh, run by <c>nc -ll -e</c> once per connection.
/// It reaches the container as a secret file (/secrets/srv.sh), so the workload YAML holds no shell
/// variables. It answers <c>port=.. method=.. target=.. prefix=.. host=.. auth=present|absent body=..</c>;
/// <c>/stream</c> sends "first", waits for /tmp/go-stream, then "second"; a WebSocket upgrade echoes text frames.
/// </summary>
public static class EchoServer
{
    public const string SecretName = "srv.sh";

    /// <summary>The compose command: wait for the script, then serve it on 8080 and 8081.</summary>
    public const string Command =
        """["sh", "-c", "while [ ! -f /secrets/srv.sh ]; do sleep 0.2; done; nc -ll -p 8081 -e sh /secrets/srv.sh 8081 & nc -ll -p 8080 -e sh /secrets/srv.sh 8080"]""";

    public const string Script = """
# HTTP and WebSocket echo for routing tests (busybox sh, one connection per run; $1 names the port).
CR=$(printf '\r')
read -r method target version
prefix=none; auth=absent; key=; length=0; xhost=none
while IFS= read -r line; do
  line=${line%"$CR"}
  [ -z "$line" ] && break
  name=$(echo "${line%%:*}" | tr 'A-Z' 'a-z'); value=${line#*:}; value=${value# }
  case "$name" in
    sec-websocket-key) key=$value ;;
    x-forwarded-prefix) prefix=$value ;;
    x-forwarded-host) xhost=$value ;;
    authorization|x-api-key) auth=present ;;
    content-length) length=$value ;;
  esac
done
if [ -n "$key" ]; then
  accept=$(printf '%s258EAFA5-E914-47DA-95CA-C5AB0DC85B11' "$key" | sha1sum | cut -c1-40 | xxd -r -p | base64)
  printf 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n' "$accept"
  while :; do
    set -- $(dd bs=1 count=2 2>/dev/null | od -An -tu1 -v)
    [ $# -lt 2 ] && exit 0
    op=$(( $1 & 15 )); len=$(( $2 & 127 ))
    if [ $op -eq 8 ]; then printf '\210\000'; exit 0; fi
    set -- $(dd bs=1 count=4 2>/dev/null | od -An -tu1 -v)
    m0=$1; m1=$2; m2=$3; m3=$4
    out=; i=0
    for b in $(dd bs=1 count=$len 2>/dev/null | od -An -tu1 -v); do
      case $((i % 4)) in 0) m=$m0 ;; 1) m=$m1 ;; 2) m=$m2 ;; *) m=$m3 ;; esac
      out="$out\\$(printf '%03o' $((b ^ m)))"; i=$((i + 1))
    done
    printf "\\201\\$(printf '%03o' $len)$out"
  done
fi
case "$target" in
  /stream*)
    printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nfirst\n'
    n=0
    while [ ! -f /tmp/go-stream ] && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
    printf 'second\n'
    exit 0 ;;
esac
body=
[ "$length" -gt 0 ] 2>/dev/null && body=$(dd bs=1 count=$length 2>/dev/null)
text="port=$1 method=$method target=$target prefix=$prefix host=$xhost auth=$auth body=$body"
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s\n' $((${#text} + 1)) "$text"
""";
}
