"""The pure pieces of bench/pages.py: reading wrk's output and judging the ratio."""

import pytest

from bench.pages import PAGE_TARGET, parse_wrk, summarise, verdict, wrk_milliseconds

WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:8711/en/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    48.12ms    9.01ms 120.33ms   80.00%
    Req/Sec    82.10     10.20   100.00     70.00%
  Latency Distribution
     50%   46.50ms
     75%   52.00ms
     90%   60.10ms
     99%    1.20s
  823 requests in 5.01s, 13.51MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    164.27
Transfer/sec:      2.70MB
"""


def test_wrk_output_gives_rate_percentiles_and_errors():
    figures = parse_wrk(WRK_OUTPUT)
    assert figures == {
        "rps": 164.27,
        "p50": 46.5,
        "p99": 1200.0,
        "requests": 823,
        "errors": 7,
    }


def test_a_clean_wrk_run_has_no_errors():
    clean = "\n".join(
        line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line
    )
    assert parse_wrk(clean)["errors"] == 0


@pytest.mark.parametrize(
    ("text", "milliseconds"),
    [("812.00us", 0.812), ("9.52ms", 9.52), ("1.20s", 1200.0), ("2.00m", 120_000.0)],
)
def test_wrk_latency_units(text, milliseconds):
    assert wrk_milliseconds(text) == pytest.approx(milliseconds)


def test_the_fallback_reports_in_wrks_shape():
    figures = summarise([float(ms) for ms in range(1, 101)], seconds=2, errors=3)
    assert figures["rps"] == 50
    assert figures["p50"] == 50.5
    assert 99 <= figures["p99"] <= 100
    assert figures["errors"] == 3


def test_a_page_meets_the_target_at_a_tenth_of_the_baseline():
    assert PAGE_TARGET == 0.10
    assert verdict(0.10) == "yes"
    assert verdict(0.099) == "**no**"
