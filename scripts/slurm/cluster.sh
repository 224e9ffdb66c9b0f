#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for `make scale-test` (and for trying the sbatch
# scripts here before a site runs them): Debian's slurmctld, slurmd, slurm-client and munge,
# run as root without systemd.
#   scripts/slurm/cluster.sh install   # the packages, without letting their scripts start services
#   scripts/slurm/cluster.sh start     # munged, slurmctld, slurmd; waits until the node is idle
#   scripts/slurm/cluster.sh stop      # stops the daemons, whatever state they are in
# Pitfalls handled here: cgroup plugins fail in containers (proctrack/linuxproc, task/none); the
# node name must be `hostname -s`; a node stays DOWN until slurmd registers (ReturnToService=2);
# accounting is off (no sacct).
set -euo pipefail
STATE=${SLURM_TEST_STATE:-/tmp/mizan-slurm}
CONF=/etc/slurm/slurm.conf

install() {
    if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; then return; fi
    [ "$(id -u)" = 0 ] || { echo "cluster.sh: installing Slurm needs root (apt-get install slurmctld slurmd slurm-client munge)" >&2; exit 1; }
    # Keep the packages' install scripts from starting services (there is no systemd here).
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' RETURN
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurmctld slurmd slurm-client munge >/dev/null
}

start() {
    install
    stop >/dev/null 2>&1 || true
    local host; host=$(hostname -s)
    mkdir -p "$STATE"/{spool,ctld,log} /etc/slurm /run/munge /var/log/munge /var/lib/munge /etc/munge
    [ -s /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
    chown -R munge:munge /etc/munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
    chmod 400 /etc/munge/munge.key; chmod 700 /etc/munge
    cat > "$CONF" <<CONF
ClusterName=mizan
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
MpiDefault=none
NodeName=$host CPUs=$(nproc) RealMemory=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 256 )) State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    su -s /bin/sh munge -c "/usr/sbin/munged --force" 2>/dev/null || /usr/sbin/munged --force
    slurmctld -i
    slurmd
    for _ in $(seq 1 60); do
        if sinfo -h -o '%t' 2>/dev/null | grep -qx 'idle'; then echo "cluster.sh: node $host idle"; return; fi
        sleep 0.5
    done
    echo "cluster.sh: the node did not become idle; sinfo says: $(sinfo -h 2>&1)" >&2
    tail -5 "$STATE/log/slurmctld.log" "$STATE/log/slurmd.log" >&2 || true
    exit 1
}

stop() {
    scancel --user=root >/dev/null 2>&1 || true
    for d in slurmd slurmctld munged; do pkill -x "$d" 2>/dev/null || true; done
    for _ in $(seq 1 20); do pgrep -x slurmd >/dev/null || pgrep -x slurmctld >/dev/null || pgrep -x munged >/dev/null || break; sleep 0.25; done
    for d in slurmd slurmctld munged; do pkill -9 -x "$d" 2>/dev/null || true; done
    rm -rf "$STATE/ctld" "$STATE/spool"
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 install|start|stop" >&2; exit 64 ;;
esac
