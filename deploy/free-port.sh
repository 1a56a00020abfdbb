# Sourced (from the repository root) by demo.sh, bench/run.sh, bench/startup.sh and deploy/nginx/check.sh.
#
#   free_port [taken...]    prints a loopback port nothing listens on, none of the given ones
#   port_in_use <port>      whether something listens on that loopback port
#
# Picked below the kernel's ephemeral range (ip_local_port_range, 32768 on Debian): a port in that
# range can be taken between the check and the server's bind by any outgoing connection's local
# end (wrk, curl, the resource service fetching the JWKS), which once failed a benchmark run with
# "Port ... was already in use". 9000/8081 (./run.sh) are never chosen.
free_port() {
  local low=32768 p _
  if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range
  fi
  [ "$low" -gt 21024 ] || low=60000   # a tiny or odd range: fall back to the old span
  for _ in $(seq 1 200); do
    p=$(( 20000 + (RANDOM * 32768 + RANDOM) % (low - 20000) ))
    case " $* " in *" $p "*) continue ;; esac
    port_in_use "$p" && continue
    echo "$p"
    return 0
  done
  echo "free_port: no free port found" >&2
  return 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
