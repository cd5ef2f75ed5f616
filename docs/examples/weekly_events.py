"""Notebook-style example: events per week and side from a stored database, as a table and a chart.

Run it after ``make demo`` (it reads ``out/demo.db`` and writes ``out/weekly_events.png``)::

    .venv/bin/python docs/examples/weekly_events.py [DATABASE] [PNG]

``tests/test_frames.py`` runs this file, so it stays in step with the library.
"""

from __future__ import annotations

import sys

import frontlines

database = sys.argv[1] if len(sys.argv) > 1 else "out/demo.db"
png = sys.argv[2] if len(sys.argv) > 2 else "out/weekly_events.png"

# %% Load: three frames (GeoDataFrames when geopandas is installed), events in ACLED's column order.
with frontlines.open(database) as db:
    places, events, control = db.to_dataframes(since="2024-11-27", until="2024-12-08")
print(events[["event_id_cnty", "event_date", "event_type", "actor1", "inter1", "admin1", "admin2"]].head())

# %% Group by week (weeks start on Monday) and by the side of the first actor.
located = events.dropna(subset=["event_date"])
weekly = (
    located.assign(week=located["event_date"].dt.to_period("W-SUN").dt.start_time)
    .groupby(["week", "actor1_side"])
    .size()
    .unstack(fill_value=0)
)
print(weekly)

# %% Control: places held by each side, day by day.
held = control.groupby(["date", "status"]).size().unstack(fill_value=0)
print(held.tail(3))

# %% Plot: events per week and side (matplotlib's object API, no window opens).
from matplotlib.figure import Figure  # noqa: E402

fig = Figure(figsize=(7, 4))
ax = fig.add_subplot()
weekly.plot.bar(ax=ax, stacked=True, rot=0)
ax.set_xticklabels([w.strftime("%d %b") for w in weekly.index])
ax.set_xlabel("week starting")
ax.set_ylabel("events")
ax.set_title("Events per week, by side of the first actor")
fig.tight_layout()
fig.savefig(png, dpi=100)
print(f"wrote {png}")
