#!/usr/bin/env bash
# P2-truth: TTFB error against an independent server, dvc-watch and blackbox_exporter side by side.
# Debian's nginx (run as nobody, its own prefix in a temp dir, TLS with a generated CA and a wildcard
# certificate, one server block per portal) serves N portals (homepage + eForm each); every request waits
# the portal's injected delay in a small Python upstream (bench/delay-upstream.py: not a JVM). dvc-watch
# (`run`, certificate verification against the CA as always) and blackbox_exporter (tls_config.ca_file,
# verification on) probe the same pages in the same run, each at RATE probes/s spread evenly over time.
# Error = the tool's TTFB - the injected delay; nginx's own log gives the server-side part (its wait for
# the upstream - the delay), which both tools share. Reported per tool for the first two minutes after its
# first probe and for the steady state after them: probes, p50, p99, worst.
#   bench/p2-timing-truth.sh [PORTALS=1000] [RATE=200] [SECONDS=420] [DELAYS_MS="50 100 200 400"]
# Ports: picked free between 20000 and 32767 on 127.0.0.1. Every process is stopped by its PID on exit.
# DVC_JAVA_OPTS: extra JVM options for dvc-watch (e.g. -XX:StartFlightRecording=filename=bench/out/p2t.jfr;
#   -Ddvc.probe.warmUpProbes=0 turns the warm-up pass off, for a comparison: docs/PROBING.md, "The warm-up pass").
#   Default "-XX:+UseZGC -XX:TieredStopAtLevel=1": on Java 17 ZGC's pauses stay under a millisecond whatever the
#   heap, where G1 paused up to 253 ms in an earlier run (compare with DVC_JAVA_OPTS="-XX:+UseG1GC
#   -XX:MaxGCPauseMillis=20"); and the JIT setting the product ships with (no C2 compiler, which took 30-45 % of
#   the watchdog's CPU for minutes after start: docs/PERFORMANCE.md, "The JIT compiler").
# P2T_BROWSER=off: the watchdog without its browser room (browser.enabled: false). By default the product runs as it
#   ships, and its headless Chromium loads the bench portals' pages beside the probes (one at a time, the whole
#   fleet spread over browser.interval); the report gives each tool's error during those loads and outside them.
#   P2T_BROWSER_PATH: the browser to start (browser.path), e.g. a wrapper that starts Chromium another way.
# Wire truth: tcpdump on loopback (each tool on its own nginx port) gives every connection's TTFB as the kernel
#   stamped request and answer (bench/wire-ttfb.py), and the report's "wire error" = the tool's TTFB - that: the
#   tool's own error, every server delay taken out. P2T_WIRE=off leaves the capture out; P2T_KEEP_PCAP=1 keeps it
#   in bench/out. bench/loop-waits.py samples the probe loops' waits for a core (schedstat) beside it, and
#   bench/cpu-by-process.py who had the cores meanwhile (every process, the watchdog's threads by kind).
# Needs: nginx, prometheus-blackbox-exporter, openssl, python3, psql; tcpdump for the wire truth.
source "$(dirname "$0")/lib.sh"
need_jar
N=${1:-1000}; RATE=${2:-200}; SECS=${3:-420}; DELAYS=${4:-50 100 200 400}
# P2T_SERVICES=apart: each service in a session of its own (setsid), as systemd gives each service a cgroup of its
# own; the scheduler then shares the cores between sessions (autogroups) first, then within one. Tried once
# (docs/PERFORMANCE.md, 2026-12-05): both tools' errors grew several-fold, so the default keeps them all in the
# bench's session, as every other run did.
APART=()
[ "${P2T_SERVICES:-together}" = apart ] && command -v setsid > /dev/null && APART=(setsid)
BB=$(command -v prometheus-blackbox-exporter || echo /usr/bin/prometheus-blackbox-exporter)
NGINX=/usr/sbin/nginx
for tool in "$BB" "$NGINX" "$(command -v openssl)" "$(command -v psql)"; do
  [ -x "$tool" ] || { echo "P2-truth needs $tool"; exit 1; }
done
ulimit -n 65536 2>/dev/null || true
PAGES=$((2 * N))
INTERVAL=$(( (PAGES + RATE - 1) / RATE ))   # seconds: every page once per interval = RATE probes/s
DEADLINE=$(( INTERVAL < 10 ? INTERVAL : 10 ))
WORK=$(mktemp -d /tmp/dvc-p2t.XXXXXX)
chmod 755 "$WORK"
DOMAIN=dvc-bench.test

# --- certificates: a CA and a wildcard leaf for every portal name ---
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=dvc-watch bench CA" \
  -keyout "$WORK/ca.key" -out "$WORK/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=*.$DOMAIN" \
  -keyout "$WORK/site.key" -out "$WORK/site.csr" 2>/dev/null
printf 'subjectAltName=DNS:*.%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
  "$DOMAIN" > "$WORK/site.ext"
openssl x509 -req -in "$WORK/site.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial -days 30 \
  -extfile "$WORK/site.ext" -out "$WORK/site.pem" 2>/dev/null
chmod 644 "$WORK"/*.pem "$WORK/site.key"

# --- the portals: names, delays, the registry, the hosts file, the peer's targets ---
UP_PORT=$(free_low_port); NG_PORT=$(free_low_port); NG_PORT_BB=$(free_low_port)
while [ "$NG_PORT_BB" = "$NG_PORT" ] || [ "$NG_PORT_BB" = "$UP_PORT" ]; do NG_PORT_BB=$(free_low_port); done
read -r -a DELAY <<< "$DELAYS"
{
  echo "fleet: p2-truth"; echo "portals:"
} > "$WORK/portals.yaml"
: > "$WORK/hosts"; : > "$WORK/targets.txt"; : > "$WORK/targets-eform.txt"; : > "$WORK/delays.txt"; : > "$WORK/servers.conf"
for i in $(seq 0 $((N - 1))); do
  id=$(printf 'p%04d' "$i"); host="$id.$DOMAIN"; d=${DELAY[$((i % ${#DELAY[@]}))]}
  cat >> "$WORK/portals.yaml" <<YAML
  - id: $id
    name: "Cổng $id"
    kind: province
    homepage: https://$host:$NG_PORT/
    eform: https://$host:$NG_PORT/dich-vu/1
    contacts: [cntt.$id@bench.dvc.test]
YAML
  echo "127.0.0.1 $host" >> "$WORK/hosts"
  printf 'https://127.0.0.1:%s/ %s\n' "$NG_PORT_BB" "$host" >> "$WORK/targets.txt"
  printf 'https://127.0.0.1:%s/dich-vu/1 %s\n' "$NG_PORT_BB" "$host" >> "$WORK/targets-eform.txt"
  echo "$host $d" >> "$WORK/delays.txt"
  printf '  server { listen 127.0.0.1:%s ssl; listen 127.0.0.1:%s ssl; server_name %s; location / { proxy_set_header X-Delay-Ms %s; proxy_pass http://delay; } }\n' \
    "$NG_PORT" "$NG_PORT_BB" "$host" "$d" >> "$WORK/servers.conf"
done

# --- nginx, as nobody, with its own prefix ---
mkdir -p "$WORK/nginx/tmp"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 8192; }
http {
  log_format timing '\$msec \$host \$request_time \$upstream_header_time "\$http_user_agent" \$uri';
  access_log $WORK/nginx/access.log timing buffer=256k flush=1s;
  client_body_temp_path $WORK/nginx/tmp/body; proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi; uwsgi_temp_path $WORK/nginx/tmp/uwsgi; scgi_temp_path $WORK/nginx/tmp/scgi;
  server_names_hash_max_size 65536; server_names_hash_bucket_size 128;
  ssl_certificate $WORK/site.pem; ssl_certificate_key $WORK/site.key;
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_session_cache off; ssl_session_tickets off;   # every probe a full handshake, for both tools
  ssl_conf_command NumTickets 0;   # and no TLS 1.3 tickets sent at all (OpenSSL sends two by default)
  proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; proxy_buffering off;
  upstream delay { server 127.0.0.1:$UP_PORT; keepalive 256; }
  server { listen 127.0.0.1:$NG_PORT ssl default_server; listen 127.0.0.1:$NG_PORT_BB ssl default_server; return 421; }
$(cat "$WORK/servers.conf")
}
CONF
# The peer takes its targets in turn: every homepage, then every eForm page, so that one host's two pages are
# 5 s apart, not 5 ms (each probe is matched to its connection on the wire by host and time).
cat "$WORK/targets-eform.txt" >> "$WORK/targets.txt"
chown -R nobody:nogroup "$WORK/nginx" 2>/dev/null || true
AS_NOBODY=()
[ "$(id -u)" = 0 ] && AS_NOBODY=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
"${AS_NOBODY[@]}" "$NGINX" -t -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" 2>"$OUT/p2t-nginx-test.log" \
  || { echo "P2-truth: nginx refused its configuration (see $OUT/p2t-nginx-test.log)"; exit 1; }
RUN_FOR=$((SECS + 300))
"${APART[@]}" python3 "$BENCH_DIR/delay-upstream.py" "$UP_PORT" "$RUN_FOR" > "$WORK/upstream.ready" 2>"$OUT/p2t-upstream.log" &
PIDS+=("$!")
"${APART[@]}" "${AS_NOBODY[@]}" "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
NPID=$!; PIDS+=("$NPID")
for _ in $(seq 1 100); do grep -q ready "$WORK/upstream.ready" 2>/dev/null && break; sleep 0.1; done
first="$(head -1 "$WORK/targets.txt")"
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null --max-time 2 --cacert "$WORK/ca.pem" --resolve "p0000.$DOMAIN:$NG_PORT:127.0.0.1" \
    "https://p0000.$DOMAIN:$NG_PORT/" 2>/dev/null && break
  sleep 0.1
done
curl -fsS -o /dev/null --max-time 5 --cacert "$WORK/ca.pem" --resolve "p0000.$DOMAIN:$NG_PORT:127.0.0.1" \
  "https://p0000.$DOMAIN:$NG_PORT/" || { echo "P2-truth: nginx does not answer ($first)"; exit 1; }

# --- the wire: every segment with a payload to or from nginx, stamped by the kernel on loopback ---
# Each tool has its own nginx port (same server blocks, same worker), so a connection tells its tool. The
# capture is the truth a TTFB is compared with (bench/wire-ttfb.py); P2T_WIRE=off leaves it out.
WIRE=off
if [ "${P2T_WIRE:-on}" != off ] && command -v tcpdump > /dev/null; then
  tcpdump -i lo -n -s 2048 -B 65536 -Z root -w "$WORK/wire.pcap" \
    "tcp and (port $NG_PORT or port $NG_PORT_BB) and (((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)" \
    2> "$OUT/p2t-tcpdump.log" &
  TPID=$!; PIDS+=("$TPID"); WIRE=on
  for _ in $(seq 1 50); do grep -q listening "$OUT/p2t-tcpdump.log" && break; sleep 0.1; done
elif [ "${P2T_WIRE:-on}" != off ]; then
  echo "P2-truth: no tcpdump, so no wire truth (apt-get install tcpdump); the rest of the report still runs"
fi

# --- dvc-watch and blackbox_exporter, side by side ---
PORT=$(free_low_port); BPORT=$(free_low_port)
cat > "$WORK/dvc-watch.yaml" <<YAML
http: { port: $PORT, host: 127.0.0.1 }
registry: { file: $WORK/portals.yaml, watch: false }
probe: { interval: ${INTERVAL}s, deadline: ${DEADLINE}s, maxInFlight: 1000, hostsFile: $WORK/hosts, extraCaFiles: [$WORK/ca.pem] }
YAML
[ "${P2T_BROWSER:-on}" = off ] && echo "browser: { enabled: false }" >> "$WORK/dvc-watch.yaml"
[ "${P2T_BROWSER:-on}" != off ] && [ -n "${P2T_BROWSER_PATH:-}" ] && echo "browser: { path: \"$P2T_BROWSER_PATH\" }" >> "$WORK/dvc-watch.yaml"
cat > "$WORK/blackbox.yml" <<YAML
modules:
  https_2xx:
    prober: http
    timeout: ${DEADLINE}s
    http:
      preferred_ip_protocol: ip4
      tls_config: { ca_file: "$WORK/ca.pem" }
YAML
"${APART[@]}" "$BB" --config.file="$WORK/blackbox.yml" --web.listen-address="127.0.0.1:$BPORT" > "$OUT/p2t-blackbox.log" 2>&1 &
BPID=$!; PIDS+=("$BPID")
wait_http "http://127.0.0.1:$BPORT/metrics" 30
# shellcheck disable=SC2086 # DVC_JAVA_OPTS is a list of options
"${APART[@]}" env -u DVC_JAR -u DVC_JAVA_OPTS java -Xmx1g -Xlog:gc,safepoint:file="$OUT/p2t-dvc-gc.log":utctime,uptime ${DVC_JAVA_OPTS:--XX:+UseZGC -XX:TieredStopAtLevel=1} -jar "$JAR" run \
  --config "$WORK/dvc-watch.yaml" --data "$WORK/data" > "$OUT/p2t-dvc.log" 2>&1 &
DPID=$!; PIDS+=("$DPID")
wait_http "http://127.0.0.1:$PORT/health/live" 120
# How long the probe loops wait for a core, a quarter second at a time (bench/loop-waits.py).
python3 "$BENCH_DIR/loop-waits.py" "$DPID" $((SECS + 30)) > "$WORK/waits.txt" 2>/dev/null &
PIDS+=("$!")
# And who had the cores meanwhile: every process by name, the watchdog's threads by kind (bench/cpu-by-process.py).
python3 "$BENCH_DIR/cpu-by-process.py" "$DPID" $((SECS + 30)) > "$WORK/cpu.txt" 2>/dev/null &
PIDS+=("$!")
# The peer starts as the watchdog starts probing, so both first two minutes share the machine.
"${APART[@]}" python3 "$BENCH_DIR/drive-blackbox.py" "http://127.0.0.1:$BPORT" "$WORK/targets.txt" "$RATE" "$SECS" \
  "$WORK/blackbox.txt" > "$WORK/blackbox.summary" &
DRIVER=$!; PIDS+=("$DRIVER")
timeout $((SECS + 60)) tail --pid="$DRIVER" -f /dev/null || true
sleep 5   # the watchdog's write-behind buffer reaches PostgreSQL
demo_sql "$OUT/p2t-dvc.log" "SELECT split_part(url, '/', 3), extract(epoch FROM started_at), coalesce(ttfb_ms::text, '-'),
  CASE WHEN outcome = 'UP' THEN 1 ELSE 0 END, coalesce(nullif(regexp_replace(url, '^https?://[^/]+', ''), ''), '/'),
  CASE WHEN warmup THEN 1 ELSE 0 END
  FROM probe_result ORDER BY started_at" \
  | sed -E 's/:[0-9]+ / /' > "$WORK/dvc.txt"
# The browser room's page loads (start, milliseconds): Chromium shares the two cores with both tools.
demo_sql "$OUT/p2t-dvc.log" "SELECT extract(epoch FROM started_at), wall_ms FROM browser_run ORDER BY started_at" \
  > "$WORK/browser.txt" 2>/dev/null || : > "$WORK/browser.txt"
kill "$DPID" 2>/dev/null || true; timeout 30 tail --pid="$DPID" -f /dev/null || true
kill "$NPID" 2>/dev/null || true; timeout 10 tail --pid="$NPID" -f /dev/null || true
: > "$WORK/wire.txt"
if [ "$WIRE" = on ]; then
  kill -INT "$TPID" 2>/dev/null || true; timeout 10 tail --pid="$TPID" -f /dev/null || true
  python3 "$BENCH_DIR/wire-ttfb.py" "$WORK/wire.pcap" "$NG_PORT,$NG_PORT_BB" > "$WORK/wire.txt" 2> "$WORK/wire.summary" \
    || echo "P2-truth: the capture could not be read (see $WORK/wire.summary)"
  sed -i "s/^$NG_PORT /dvc-watch /; s/^$NG_PORT_BB /blackbox_exporter /" "$WORK/wire.txt"
  cp "$WORK/wire.txt" "$OUT/p2t-wire.txt"; [ "${P2T_KEEP_PCAP:-0}" = 1 ] && cp "$WORK/wire.pcap" "$OUT/p2t-wire.pcap"
fi
cp "$WORK/nginx/access.log" "$OUT/p2t-nginx-access.log" 2>/dev/null || true
# Each tool's probes, kept for a second look (p2-truth-report.py's inputs): HOST START TTFB UP PATH / START HOST TTFB OK PATH
cp "$WORK/dvc.txt" "$OUT/p2t-dvc-probes.txt"; cp "$WORK/blackbox.txt" "$OUT/p2t-blackbox-probes.txt"; cp "$WORK/delays.txt" "$OUT/p2t-delays.txt"
cp "$WORK/browser.txt" "$OUT/p2t-browser-runs.txt"; cp "$WORK/waits.txt" "$OUT/p2t-loop-waits.txt"; cp "$WORK/cpu.txt" "$OUT/p2t-cpu.txt"

echo "P2-truth: services ${P2T_SERVICES:-together} (${APART[*]:-one session}): nginx and its upstream, blackbox_exporter and its driver, dvc-watch"
echo "P2-truth: $N portals ($PAGES pages), $RATE probes/s per tool (dvc-watch interval ${INTERVAL}s), ${SECS}s, delays ${DELAYS} ms, nginx $("$NGINX" -v 2>&1 | sed 's/.*\///'), blackbox_exporter $("$BB" --version 2>&1 | head -1 | awk '{print $3}')"
echo "P2-truth: blackbox driver: $(cat "$WORK/blackbox.summary")"
echo "P2-truth: dvc-watch browser room ${P2T_BROWSER:-on}: $(wc -l < "$WORK/browser.txt") page loads in Chromium during the run"
grep -o 'probe warm-up[^"]*' "$OUT/p2t-dvc.log" | head -1 | sed 's/^/P2-truth: /' || true
[ "$WIRE" = on ] && echo "P2-truth: wire capture: $(grep -h 'packets' "$OUT/p2t-tcpdump.log" | tr '\n' ' ')$(cat "$WORK/wire.summary")"
python3 "$BENCH_DIR/p2-truth-report.py" "$WORK/delays.txt" "$WORK/dvc.txt" "$WORK/blackbox.txt" \
  "$OUT/p2t-nginx-access.log" "$OUT/p2t-dvc-gc.log" "$OUT/p2t-dvc.log" "$WORK/browser.txt" "$WORK/wire.txt" "$WORK/waits.txt" "$WORK/cpu.txt" | sed 's/^/P2-truth /' | tee "$OUT/p2-timing-truth.txt"
rm -rf "$WORK"
