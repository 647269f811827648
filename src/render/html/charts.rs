//! The report's charts as plain data: rows of labelled bars that the template
//! draws as small inline SVG beside HTML text.
//!
//! Every chart is a list of rows (a label, one or two bars, the figures), so
//! the labels and figures stay real text: readable at a phone's width, where
//! text inside a scaled-down SVG would shrink, found by a screen reader, and
//! printed sharp. Only the bars are SVG, their lengths in percent of the row,
//! so they need no layout arithmetic and print as drawn.

use std::fmt;

use crate::aggregate::report::{Report, TrendRow};
use crate::render::report::{bucket_name, shown_coverage, span};
use crate::render::table::{number, progress, share_of_target};

/// Pixels: the height of a bar, and the gap between a row's two bars.
const BAR: u32 = 12;
const PAIRED_BAR: u32 = 9;
const GAP: u32 = 3;

pub struct Chart {
    /// What the chart shows, in a sentence.
    pub caption: String,
    pub legend: Vec<Swatch>,
    pub rows: Vec<Row>,
}

/// A legend entry: the class that colours the bar, and what it stands for.
pub struct Swatch {
    pub class: &'static str,
    pub label: String,
    /// Drawn as a line across the bars rather than as a bar.
    pub tick: bool,
}

pub struct Row {
    /// One line per bar, beside it.
    pub labels: Vec<String>,
    pub rects: Vec<Rect>,
    /// A mark across the bars, such as where "on track" is.
    pub ticks: Vec<Percent>,
    /// The figures, one line per bar.
    pub values: Vec<String>,
    /// Of the SVG, in pixels.
    pub height: u32,
}

pub struct Rect {
    pub class: &'static str,
    pub x: Percent,
    pub y: u32,
    pub width: Percent,
    pub height: u32,
}

/// A share of the row's width, written with one decimal (`42.5%`) so the
/// page's bytes do not depend on float formatting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percent(f64);

impl Percent {
    fn of(part: f64, whole: f64) -> Percent {
        if whole <= 0.0 {
            return Percent(0.0);
        }
        Percent((100.0 * part / whole).clamp(0.0, 100.0))
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.1}%", self.0)
    }
}

/// Entries per kind, zeros included; nothing when the period has no entries.
pub fn kinds(report: &Report) -> Option<Chart> {
    let most = report.kinds.iter().map(|k| k.entries).max().unwrap_or(0);
    if most == 0 {
        return None;
    }
    let rows = report
        .kinds
        .iter()
        .map(|k| Row {
            labels: vec![k.kind.clone()],
            rects: single_bar("bar", k.entries as f64, most as f64),
            ticks: Vec::new(),
            values: vec![k.entries.to_string()],
            height: BAR,
        })
        .collect();
    Some(Chart {
        caption: format!("Entries by kind, {}", report.period.label),
        legend: Vec::new(),
        rows,
    })
}

/// Ideas at each status at the period's end; the darker part of each bar is
/// those that reached that status during the period.
pub fn pipeline(report: &Report) -> Option<Chart> {
    let most = report.pipeline.iter().map(|p| p.ideas).max().unwrap_or(0);
    if most == 0 {
        return None;
    }
    let rows = report
        .pipeline
        .iter()
        .map(|p| {
            let reached = p.reached.min(p.ideas) as f64;
            let mut rects = single_bar("reached", reached, most as f64);
            if p.ideas as f64 > reached {
                rects.push(Rect {
                    class: "earlier",
                    x: Percent::of(reached, most as f64),
                    y: 0,
                    width: Percent::of(p.ideas as f64 - reached, most as f64),
                    height: BAR,
                });
            }
            Row {
                labels: vec![p.status.clone()],
                rects,
                ticks: Vec::new(),
                values: vec![p.ideas.to_string()],
                height: BAR,
            }
        })
        .collect();
    let end = report.as_of.or(report.period.end);
    Some(Chart {
        caption: match end {
            Some(day) => format!("Ideas by status on {day}"),
            None => "Ideas by status".into(),
        },
        legend: vec![
            Swatch {
                class: "reached",
                label: format!("reached it during {}", report.period.label),
                tick: false,
            },
            Swatch {
                class: "earlier",
                label: "there since before".into(),
                tick: false,
            },
        ],
        rows,
    })
}

/// Entries per bucket of the period, each beside the same bucket of the
/// previous period when there is one. Buckets not yet begun get no bar.
/// Nothing when neither period has an entry.
pub fn trend(report: &Report) -> Option<Chart> {
    if report.trend.is_empty() {
        return None;
    }
    let previous = &report.previous_trend;
    let most = report
        .trend
        .iter()
        .chain(previous)
        .map(|t| t.entries)
        .max()
        .unwrap_or(0) as f64;
    if most == 0.0 {
        return None;
    }
    let paired = !previous.is_empty();
    let rows = report
        .trend
        .iter()
        .enumerate()
        .map(|(i, now)| {
            if !paired {
                return Row {
                    labels: vec![now.label.clone()],
                    rects: trend_bar(now, "bar", 0, BAR, most),
                    ticks: Vec::new(),
                    values: vec![trend_value(now)],
                    height: BAR,
                };
            }
            let before = previous.get(i);
            let mut rects = trend_bar(now, "current", 0, PAIRED_BAR, most);
            if let Some(before) = before {
                rects.extend(trend_bar(
                    before,
                    "previous",
                    PAIRED_BAR + GAP,
                    PAIRED_BAR,
                    most,
                ));
            }
            Row {
                labels: vec![
                    now.label.clone(),
                    before.map(|b| b.label.clone()).unwrap_or_default(),
                ],
                rects,
                ticks: Vec::new(),
                values: vec![
                    trend_value(now),
                    before.map(trend_value).unwrap_or_default(),
                ],
                height: 2 * PAIRED_BAR + GAP,
            }
        })
        .collect();
    let mut legend = Vec::new();
    if let Some(previous_period) = report.previous_period.as_ref().filter(|_| paired) {
        legend.push(Swatch {
            class: "current",
            label: report.period.label.clone(),
            tick: false,
        });
        legend.push(Swatch {
            class: "previous",
            label: previous_period.label.clone(),
            tick: false,
        });
    }
    Some(Chart {
        caption: match (&report.previous_period, report.as_of) {
            (Some(p), Some(day)) if paired => format!(
                "Entries per {}: {} (as of {day}) against {}",
                bucket_name(report),
                report.period.label,
                p.label
            ),
            (Some(p), None) if paired => format!(
                "Entries per {}: {} against {}",
                bucket_name(report),
                report.period.label,
                p.label
            ),
            _ => format!(
                "Entries per {}, {}",
                bucket_name(report),
                report.period.label
            ),
        },
        legend,
        rows,
    })
}

fn trend_bar(row: &TrendRow, class: &'static str, y: u32, height: u32, most: f64) -> Vec<Rect> {
    if row.upcoming {
        return Vec::new();
    }
    bar_at(class, y, height, row.entries as f64, most)
}

fn trend_value(row: &TrendRow) -> String {
    if row.upcoming {
        "not yet".into()
    } else {
        row.entries.to_string()
    }
}

/// Everyone with a yearly target: how far they are toward it, against where
/// "on track" stands on the day the report is counted to.
pub fn coverage(report: &Report) -> Option<Chart> {
    let rows: Vec<Row> = shown_coverage(report)
        .0
        .into_iter()
        .filter_map(|c| {
            let done = share_of_target(c)?;
            let status = match c.standing {
                "met" => "met",
                "on track" => "on-track",
                _ => "behind",
            };
            let mut rects = vec![Rect {
                class: "track",
                x: Percent(0.0),
                y: 0,
                width: Percent(100.0),
                height: BAR,
            }];
            rects.extend(bar_at(status, 0, BAR, done, 1.0));
            Some(Row {
                labels: vec![c.person.clone()],
                rects,
                ticks: vec![Percent::of(report.coverage_share, 1.0)],
                values: vec![
                    progress(
                        c.year_entries,
                        c.year_hours,
                        c.target_entries,
                        c.target_hours,
                    ),
                    c.standing.to_string(),
                ],
                height: BAR,
            })
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let legend = ["met", "on track", "behind"]
        .into_iter()
        .map(|standing| Swatch {
            class: match standing {
                "on track" => "on-track",
                other => other,
            },
            label: standing.into(),
            tick: false,
        })
        .chain([Swatch {
            class: "due",
            label: format!(
                "on track today: {}% of the target",
                number((report.coverage_share * 100.0).round())
            ),
            tick: true,
        }])
        .collect();
    Some(Chart {
        caption: format!(
            "Toward the yearly target, {}",
            span(&report.coverage_period).replacen("From ", "from ", 1)
        ),
        legend,
        rows,
    })
}

fn single_bar(class: &'static str, value: f64, most: f64) -> Vec<Rect> {
    bar_at(class, 0, BAR, value, most)
}

/// A bar from the left edge as long as `value` is against `most`; nothing for
/// zero, so that an empty row shows no sliver.
fn bar_at(class: &'static str, y: u32, height: u32, value: f64, most: f64) -> Vec<Rect> {
    if value <= 0.0 {
        return Vec::new();
    }
    vec![Rect {
        class,
        x: Percent(0.0),
        y,
        width: Percent::of(value, most),
        height,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::report::CoverageRow;

    #[test]
    fn percents_are_clamped_and_short() {
        assert_eq!(Percent::of(1.0, 3.0).to_string(), "33.3%");
        assert_eq!(Percent::of(5.0, 4.0).to_string(), "100.0%");
        assert_eq!(Percent::of(1.0, 0.0).to_string(), "0.0%");
    }

    fn person(entries: usize, hours: f64, te: Option<f64>, th: Option<f64>) -> CoverageRow {
        CoverageRow {
            person: "Ann".into(),
            group: None,
            entries,
            hours,
            year_entries: entries,
            year_hours: hours,
            target_entries: te,
            target_hours: th,
            met: None,
            on_track: None,
            standing: "",
            in_settings: true,
        }
    }

    #[test]
    fn the_share_of_a_target_is_the_weaker_of_two() {
        assert_eq!(share_of_target(&person(1, 2.0, Some(2.0), None)), Some(0.5));
        assert_eq!(
            share_of_target(&person(1, 24.0, None, Some(8.0))),
            Some(1.0)
        );
        assert_eq!(
            share_of_target(&person(2, 2.0, Some(2.0), Some(8.0))),
            Some(0.25)
        );
        assert_eq!(share_of_target(&person(0, 0.0, Some(0.0), None)), Some(1.0));
        assert_eq!(share_of_target(&person(3, 3.0, None, None)), None);
    }
}
