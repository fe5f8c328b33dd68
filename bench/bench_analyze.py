"""Throughput and peak memory of `analyze` against bare spaCy on real news texts.

Assembles a corpus at run time from ../shared (GeoWebNews, WikiRef220, ECB+, TimeBank/AQUAINT,
the Aleppo corpus), then measures, each in a fresh child process so peak memory is its own:
  - `manysides analyze` (the whole pipeline: ingest, annotate, link, store, JSON, report)
  - bare spaCy `nlp.pipe` over the same texts
at growing corpus sizes, to show the ratio and whether memory stays flat. With `--workers N`,
also `manysides analyze --workers N` (annotation on a local Dask cluster of N processes), to show
what the workers gain over one process.

    python bench/bench_analyze.py [--sizes 250,500,1000] [--workers 2] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from html import unescape
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from eval.common import dataset, shared_dir  # noqa: E402


def _geowebnews() -> list[dict]:
    xml = (dataset("geowebnews") / "GWN.xml").read_text(encoding="utf-8")
    texts = re.findall(r"<text>(.*?)</text>", xml, flags=re.S)
    return [{"text": unescape(t), "source": "geowebnews"} for t in texts]


def _wikiref() -> list[dict]:
    folder = dataset("wikiref220") / "WikiRef220"
    return [{"text": p.read_text(encoding="utf-8", errors="replace"), "source": "wikiref220"}
            for p in sorted(folder.glob("*.txt"))]


_ECB_TOKEN = re.compile(r'<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>')


def _ecbplus() -> list[dict]:
    records = []
    for path in sorted((dataset("ecbplus") / "ECB+").glob("*/*.xml")):
        xml = path.read_text(encoding="utf-8", errors="replace")
        sentences: dict[str, list[str]] = {}
        for sentence, token in _ECB_TOKEN.findall(xml):
            sentences.setdefault(sentence, []).append(unescape(token))
        text = "\n".join(" ".join(tokens) for tokens in sentences.values())
        records.append({"text": text, "source": "ecbplus"})
    return records


def _timebank() -> list[dict]:
    records = []
    for path in sorted(dataset("tempeval3").rglob("*.tml")):
        xml = path.read_text(encoding="utf-8", errors="replace")
        body = re.search(r"<TEXT>(.*?)</TEXT>", xml, flags=re.S)
        dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="([\d-]{10})', xml)
        if body:
            text = re.sub(r"<[^>]+>", "", body.group(1)).strip()
            records.append({"text": text, "source": "timebank",
                            "published": dct.group(1) if dct else None})
    return records


def _aleppo() -> list[dict]:
    folder = shared_dir() / "corpora" / "aleppo-2016"
    return [{"text": p.read_text(encoding="utf-8"), "source": "aleppo"}
            for p in sorted(folder.glob("*.txt"))]


def assemble_corpus() -> list[dict]:
    records = _geowebnews() + _wikiref() + _ecbplus() + _timebank() + _aleppo()
    unique = {r["text"].strip(): r for r in records if len(r["text"].split()) >= 40}
    return [{"id": f"bench-{i}", **r} for i, r in enumerate(unique.values())]


def write_jsonl(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps({k: v for k, v in record.items() if v is not None}) + "\n")


# -- the measured work, each run in its own process -----------------------------------


def run_pipeline(jsonl: Path, out_dir: Path, workers: int | None = None) -> int:
    from manysides.pipeline import analyze

    result = analyze([str(jsonl)], out_dir, workers=workers)
    return result.added


def run_bare_spacy(jsonl: Path) -> int:
    import spacy

    from manysides.annotate.nlp import MODEL_PACKAGE

    nlp = spacy.load(MODEL_PACKAGE)
    texts = (json.loads(line)["text"] for line in jsonl.open(encoding="utf-8"))
    return sum(1 for _ in nlp.pipe(texts, batch_size=64))


def child(kind: str, jsonl: Path, out_dir: Path, workers: int | None) -> None:
    started = time.perf_counter()
    if kind == "spacy":
        count = run_bare_spacy(jsonl)
    else:
        count = run_pipeline(jsonl, out_dir, workers if kind == "workers" else None)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the largest worker process, for a run on workers (they have ended by now)
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"kind": kind, "articles": count, "seconds": seconds, "peak_mb": peak_mb,
                      "worker_peak_mb": worker_mb}))


def measure(kind: str, jsonl: Path, workdir: Path, workers: int | None = None) -> dict:
    out_dir = workdir / f"out-{kind}-{jsonl.stem}"
    command = [sys.executable, __file__, "--child", kind, "--jsonl", str(jsonl),
               "--child-out", str(out_dir), "--workers", str(workers or 0)]
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(finished.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,500,1000")
    parser.add_argument("--out", default=str(REPO / "bench" / "results"))
    parser.add_argument("--workers", type=int, default=0,
                        help="also measure analyze on a local Dask cluster of N workers")
    parser.add_argument("--event-share", action="store_true",
                        help="also time the event stage (the coder and the merge) on its own")
    parser.add_argument("--child", choices=["pipeline", "spacy", "workers"])
    parser.add_argument("--jsonl")
    parser.add_argument("--child-out")
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.jsonl), Path(args.child_out), args.workers or None)
        return
    corpus = assemble_corpus()
    sizes = [min(int(s), len(corpus)) for s in args.sizes.split(",")] + [len(corpus)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(set(sizes)):
            jsonl = Path(tmp) / f"corpus-{size}.jsonl"
            write_jsonl(corpus[:size], jsonl)
            words = sum(len(r["text"].split()) for r in corpus[:size])
            ours, bare = measure("pipeline", jsonl, Path(tmp)), measure("spacy", jsonl, Path(tmp))
            rows.append(_row(size, words, ours, bare))
            if args.workers:
                on_workers = measure("workers", jsonl, Path(tmp), args.workers)
                rows[-1].update(_workers_row(args.workers, on_workers, ours))
            if args.event_share:
                store = Path(tmp) / f"out-pipeline-{jsonl.stem}" / "manysides.duckdb"
                rows[-1].update(event_stage(corpus[:size], store, ours["seconds"]))
            print(_format(rows[-1]), flush=True)
    _save(rows, Path(args.out))


def event_stage(records: list[dict], store_path: Path, analyze_seconds: float) -> dict:
    """Seconds the event coder takes over texts already parsed, and the event merge over the
    store the measured run made, as shares of that run's whole `analyze` time."""
    from manysides.annotate.event_coder import code_events
    from manysides.annotate.nlp import load_nlp
    from manysides.link import link_entities
    from manysides.pipeline import merge_events
    from manysides.store import Store

    docs = list(load_nlp().pipe((r["text"] for r in records), batch_size=32))
    start = time.perf_counter()
    for doc in docs:
        code_events(doc)
    coder = time.perf_counter() - start
    with Store(store_path, read_only=True) as store:
        articles, annotations = store.articles(), list(store.annotations())
    entities, places = link_entities(articles, annotations)
    start = time.perf_counter()
    merge_events(articles, annotations, entities, places)
    merge = time.perf_counter() - start
    return {"event_coder_seconds": coder, "event_merge_seconds": merge,
            "event_share": (coder + merge) / analyze_seconds}


def _workers_row(workers: int, measured: dict, in_process: dict) -> dict:
    per_s = measured["articles"] / measured["seconds"]
    return {
        "workers": workers, "workers_articles_per_s": per_s,
        "workers_speedup": per_s / (in_process["articles"] / in_process["seconds"]),
        "workers_seconds": measured["seconds"], "workers_main_peak_mb": measured["peak_mb"],
        "workers_worker_peak_mb": measured["worker_peak_mb"],
    }


def _row(size: int, words: int, ours: dict, bare: dict) -> dict:
    return {
        "articles": size, "words": words,
        "pipeline_articles_per_s": ours["articles"] / ours["seconds"],
        "spacy_articles_per_s": bare["articles"] / bare["seconds"],
        "ratio": (ours["articles"] / ours["seconds"]) / (bare["articles"] / bare["seconds"]),
        "pipeline_peak_mb": ours["peak_mb"], "spacy_peak_mb": bare["peak_mb"],
        "pipeline_seconds": ours["seconds"], "spacy_seconds": bare["seconds"],
    }


def _format(row: dict) -> str:
    line = (f"{row['articles']:>6} articles {row['words']:>8} words | manysides "
            f"{row['pipeline_articles_per_s']:6.1f}/s peak {row['pipeline_peak_mb']:6.0f} MB | "
            f"bare spaCy {row['spacy_articles_per_s']:6.1f}/s peak {row['spacy_peak_mb']:6.0f} MB"
            f" | ratio {row['ratio']:.2f}")
    if "event_share" in row:
        line += (f" | event stage {row['event_coder_seconds']:.1f}+"
                 f"{row['event_merge_seconds']:.1f} s = {row['event_share']:.0%} of analyze")
    if "workers" in row:
        line += (f" | {row['workers']} workers {row['workers_articles_per_s']:6.1f}/s "
                 f"(x{row['workers_speedup']:.2f}), main peak "
                 f"{row['workers_main_peak_mb']:.0f} MB, worker peak "
                 f"{row['workers_worker_peak_mb']:.0f} MB")
    return line


def _save(rows: list[dict], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "machine": platform.machine(),
               "processor": platform.processor(), "cpus": _cpu_count(),
               "memory_gb": round(_memory_bytes() / 2**30, 1)}
    (out / "latest.json").write_text(json.dumps({"machine": machine, "rows": rows}, indent=1))
    print(f"machine: {machine}\nwrote {out / 'latest.json'}")


def _memory_bytes() -> int:
    import os

    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    main()
