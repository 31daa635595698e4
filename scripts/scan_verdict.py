"""Judges the reports of scripts/security-scan.sh: prints a summary of each scanner and
exits 1 on a finding that must never ship, or when the scan cannot show it reached the
portal (logged in; the activity form, photo upload and a moderation action attacked)."""

import json
import re
import sys
from pathlib import Path

# Findings that fail the scan, by wapiti's category names.
FATAL = {
    "Reflected Cross Site Scripting",
    "Stored Cross Site Scripting",
    "HTML Injection",
    "Stored HTML Injection",
    "SQL Injection",
    "Blind SQL Injection",
    "Open Redirect",
    "Path Traversal",
    "Command execution",
    "CRLF Injection",
    "Cross Site Request Forgery",
}

# What the attacked URLs must include, as regular expressions over "METHOD URL".
MUST_ATTACK = {
    "the activity form": r"POST \S*/admin/activities(/\d+)?(\s|\?|$)",
    "the photo upload": r"POST \S*/admin/activities/\d+/photos",
    "a moderation action": r"POST \S*/admin/activities/\d+/(approve|request-changes|reject)",
}


def wapiti(out: Path, who: str, problems: list[str]) -> set[str]:
    report = out / f"wapiti-{who}.json"
    if not report.exists():
        problems.append(f"wapiti ({who}) wrote no report")
        return set()
    data = json.loads(report.read_text())
    infos = data.get("infos", {})
    auth = infos.get("auth") or {}
    logged_in = bool(auth.get("logged_in"))
    print(f"wapiti {infos.get('version', '?')} as {who}: logged in: {logged_in}, "
          f"{infos.get('crawled_pages_nbr', '?')} pages crawled")
    if not logged_in:
        problems.append(f"wapiti ({who}) did not log in: {auth}")
    for kind, label in (("vulnerabilities", "vulnerability"), ("anomalies", "anomaly"),
                        ("additionals", "note")):
        for name, found in sorted(data.get(kind, {}).items()):
            if not found:
                continue
            where = sorted({f"{f.get('method', '')} {f.get('path', '')}" for f in found})
            print(f"  {label}: {name}: {len(found)} ({', '.join(where[:4])}"
                  f"{', …' if len(where) > 4 else ''})")
            if name in FATAL:
                problems.append(f"wapiti ({who}): {name}")
                for f in found[:5]:
                    print(f"    {f.get('method')} {f.get('path')} {f.get('parameter', '')}: "
                          f"{f.get('info', '')[:200]}")
    attacked = set()
    log = out / f"wapiti-{who}.log"
    if log.exists():
        for line in log.read_text(errors="replace").splitlines():
            m = re.search(r"\b(GET|POST|PUT|DELETE|PATCH|OPTIONS)\s+(http\S+)", line)
            if m:
                attacked.add(f"{m.group(1)} {m.group(2)}")
    print(f"  requests logged: {len(attacked)} distinct")
    return attacked


def sqlmap(out: Path, who: str, problems: list[str]) -> set[str]:
    log = out / f"sqlmap-{who}.out"
    if not log.exists():
        problems.append(f"sqlmap ({who}) did not run")
        return set()
    text = log.read_text(errors="replace")
    targets = re.findall(r"^== target: (\w+) (\S+)", text, flags=re.M)
    injectable = re.findall(r"identified the following injection point", text)
    vulnerable = re.findall(r"parameter '([^']+)' (?:is|might be) (?:vulnerable|injectable)", text,
                            flags=re.I)
    print(f"sqlmap as {who}: {len(targets)} requests attacked, "
          f"{len(injectable) + len(vulnerable)} injection points")
    # sqlmap's CRITICAL lines are mostly its heuristics ("heavily dynamic"); shown, not judged.
    for line in sorted(set(re.findall(r"\[CRITICAL\] (.*)", text))):
        print(f"  sqlmap said: {line[:160]}")
    if not targets:
        problems.append(f"sqlmap ({who}) tested no form or URL")
    if injectable or vulnerable:
        problems.append(f"sqlmap ({who}): injectable {sorted(set(vulnerable))}")
    for csv in (out / f"sqlmap-{who}").glob("**/results-*.csv"):
        rows = [r for r in csv.read_text().splitlines()[1:] if r.strip()]
        if rows:
            problems.append(f"sqlmap ({who}) results: {rows[:5]}")
    return {f"{method} {url}" for method, url in targets}


def main() -> int:
    out = Path(sys.argv[1])
    problems: list[str] = []
    attacked: set[str] = set()
    for who in ("secretariat", "member"):
        attacked |= wapiti(out, who, problems)
    for who in ("secretariat", "member"):
        attacked |= sqlmap(out, who, problems)
    for what, pattern in MUST_ATTACK.items():
        hits = sorted(a for a in attacked if re.search(pattern, a))
        print(f"attacked {what}: {len(hits)} requests" + (f", e.g. {hits[0]}" if hits else ""))
        if not hits:
            problems.append(f"the scan never attacked {what}")
    if problems:
        print("\nFAILED:")
        for p in problems:
            print(f"  - {p}")
        return 1
    print("\nno finding of XSS, SQL injection, open redirect, path traversal, command "
          "execution, CRLF injection or CSRF; the scan reached the admin forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
