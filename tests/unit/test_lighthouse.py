"""`make lighthouse` judges each page on the median of its runs, on the mobile preset only."""

from tests.browser.lighthouse import PAGES, TARGETS, judge

EMPTY_REPORT = {"audits": {}, "categories": {k: {"auditRefs": []} for k in TARGETS}}


def runs(*performance, **other):
    """One page's runs: the given performance scores, every other category at 100 unless given."""
    return [
        (
            {
                "performance": p,
                **{k: other.get(k.replace("-", "_"), 100) for k in TARGETS if k != "performance"},
            },
            1800,
            EMPTY_REPORT,
        )
        for p in performance
    ]


def all_pages(*performance, **other):
    return {name: runs(*performance, **other) for name in PAGES}


def test_the_median_run_decides_not_the_best_or_the_worst():
    lines, failures, status = judge(all_pages(70, 96, 99), [], None)
    assert (failures, status) == ([], 0)
    assert any(line.split()[-5:] == ["median", "96", "100", "100", "100"] for line in lines), lines
    _, failures, status = judge(all_pages(99, 94, 60), [], None)
    assert status == 1 and len(failures) == len(PAGES)
    assert "median performance 94 < 95 over 3 run(s)" in failures[0]


def test_accessibility_best_practices_and_seo_must_stay_at_100():
    results = all_pages(98, 98, 98)
    results["study"] = runs(98, 98, 98, seo=92)
    _, failures, status = judge(results, [], None)
    assert status == 1 and failures == ["FAIL study: median seo 92 < 100 over 3 run(s); failing audits: []"]


def test_a_calibrated_run_is_never_judged_a_pass():
    lines, failures, status = judge(all_pages(100, 100, 100), [], 2.0)
    assert status == 3 and failures == []
    assert lines[0].startswith("NOT the mobile preset")
    assert lines[-1].startswith("not judged")


def test_a_page_without_a_finished_run_fails():
    results = all_pages(98, 98, 98)
    results["table"] = []
    _, failures, status = judge(results, ["table run 1: lighthouse exited 1"], None)
    assert status == 1 and "FAIL table: no run completed" in failures
