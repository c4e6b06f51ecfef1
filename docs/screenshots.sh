#!/usr/bin/env bash
# Copies the screenshots the guides show from test-artifacts/, where the browser tests save
# them (the real-browser tests named below). When one is missing, those tests run first, so
# the guides always show the pages as they are.
set -euo pipefail
cd "$(dirname "$0")/.."
used=(completion-page-phone.png completion-page-recorded-phone.png board-desktop.png item-history-desktop.png
      intake-review-highlights-desktop.png item-page-undone.png)
missing=0
for name in "${used[@]}"; do [ -f "test-artifacts/$name" ] || missing=1; done
if [ "$missing" = 1 ]; then
  .venv/bin/python -m pytest -q tests/cadence/web/test_a_reminder_link_marks_an_item_done_in_a_real_browser.py \
    tests/cadence/web/test_a_coordinator_takes_the_province_plan_from_a_docx_to_an_approved_schedule_in_a_real_browser.py \
    tests/cadence/web/test_a_coordinator_undoes_a_wrong_completion_on_the_item_page.py
fi
mkdir -p docs/images
for name in "${used[@]}"; do cp "test-artifacts/$name" "docs/images/$name"; done
