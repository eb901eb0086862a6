// Formatting of times and durations for the views.

const pad = (n) => String(n).padStart(2, '0');

/** 14:36:00 (local time) from an ISO timestamp; an empty string for none. */
export function clock(iso) {
  if (!iso) {
    return '';
  }

  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 2026-12-02 14:36:00 (local time) from an ISO timestamp. */
export function dateTime(iso) {
  if (!iso) {
    return '';
  }

  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock(iso)}`;
}

/** A duration in whole units: 42 s, 3 min 05 s, 2 h 07 min, 3 d 04 h. */
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) {
    return `${days} d ${pad(hours)} h`;
  }

  if (hours > 0) {
    return `${hours} h ${pad(minutes)} min`;
  }

  return minutes > 0 ? `${minutes} min ${pad(seconds)} s` : `${seconds} s`;
}

/** An offset from a start in milliseconds: +144 ms, +1.25 s; an empty string for none. */
export function offset(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) {
    return '';
  }

  return Math.abs(ms) < 10000 ? `+${Math.round(ms)} ms` : `+${(ms / 1000).toFixed(2)} s`;
}

/** Milliseconds between two ISO timestamps, or null when either is missing. */
export function between(fromIso, toIso) {
  if (!fromIso || !toIso) {
    return null;
  }

  return new Date(toIso).getTime() - new Date(fromIso).getTime();
}

/** Pretty JSON for display. */
export function json(value) {
  return JSON.stringify(value, null, 2);
}
