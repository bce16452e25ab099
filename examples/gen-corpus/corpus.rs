//! A deterministic generator of realistic postmortems, for benchmarks and for a test that the
//! defects it plants are found. Shared by `examples/gen-corpus` and `tests/generated.rs`.
#![allow(dead_code)]

use std::fmt::Write;

/// A small deterministic PRNG (SplitMix64): the same seed gives the same corpus everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A defect the generator can plant, and the rule that must report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    MissingSection,
    MissingTrigger,
    EmptySection,
    Placeholder,
    BadStatus,
    NoSummaryTimes,
    WrongDuration,
    OutOfOrder,
    NoTimezone,
    ProseActions,
    NoOwner,
    BadDueDate,
    NoType,
    BadActionStatus,
    ClosedNoReason,
    DuplicateId,
    AllPrevent,
    Overdue,
    BeMoreCareful,
    HumanError,
    BlamedPerson,
    FeelingsInTimeline,
    EvaluationLanguage,
    VagueAction,
}

impl Defect {
    pub const ALL: [Defect; 24] = [
        Defect::MissingSection,
        Defect::MissingTrigger,
        Defect::EmptySection,
        Defect::Placeholder,
        Defect::BadStatus,
        Defect::NoSummaryTimes,
        Defect::WrongDuration,
        Defect::OutOfOrder,
        Defect::NoTimezone,
        Defect::ProseActions,
        Defect::NoOwner,
        Defect::BadDueDate,
        Defect::NoType,
        Defect::BadActionStatus,
        Defect::ClosedNoReason,
        Defect::DuplicateId,
        Defect::AllPrevent,
        Defect::Overdue,
        Defect::BeMoreCareful,
        Defect::HumanError,
        Defect::BlamedPerson,
        Defect::FeelingsInTimeline,
        Defect::EvaluationLanguage,
        Defect::VagueAction,
    ];

    pub fn rule(self) -> &'static str {
        match self {
            Defect::MissingSection => "missing-section",
            Defect::MissingTrigger => "missing-trigger",
            Defect::EmptySection => "empty-section",
            Defect::Placeholder => "template-placeholder",
            Defect::BadStatus => "missing-metadata",
            Defect::NoSummaryTimes => "missing-summary-times",
            Defect::WrongDuration => "inconsistent-duration",
            Defect::OutOfOrder => "timeline-out-of-order",
            Defect::NoTimezone => "timeline-without-timezone",
            Defect::ProseActions => "malformed-action-items",
            Defect::NoOwner => "action-item-without-owner",
            Defect::BadDueDate => "action-item-without-due-date",
            Defect::NoType => "unlabeled-action-item",
            Defect::BadActionStatus => "invalid-action-status",
            Defect::ClosedNoReason => "closed-without-reason",
            Defect::DuplicateId => "duplicate-action-id",
            Defect::AllPrevent => "unbalanced-action-types",
            Defect::Overdue => "overdue-action-item",
            Defect::BeMoreCareful => "be-more-careful",
            Defect::HumanError => "human-error",
            Defect::BlamedPerson => "blamed-person",
            Defect::FeelingsInTimeline => "feelings-in-timeline",
            Defect::EvaluationLanguage => "evaluation-language",
            Defect::VagueAction => "vague-action",
        }
    }
}

/// One generated postmortem.
pub struct Generated {
    /// Relative path: `YYYY/MM/YYYY-MM-DD-slug-N.md`.
    pub path: String,
    pub bytes: Vec<u8>,
    pub planted: Vec<Defect>,
}

const SERVICES: &[&str] = &[
    "checkout",
    "search",
    "billing",
    "ingest",
    "auth",
    "notifications",
    "orders-db",
    "cdn-edge",
    "session-store",
    "payments-gateway",
];
const CAUSES: &[&str] = &[
    "a connection-pool limit lowered in a configuration release",
    "a certificate that expired after its renewal job lost DNS access",
    "a schema migration that locked a hot table",
    "a retry storm between the load balancer and the service",
    "a disk that filled with write-ahead log archives",
    "a feature flag that sent all traffic to an unscaled code path",
];
const PEOPLE: &[&str] = &[
    "@dana", "@lee", "@sam", "@ravi", "@mei", "@jordan", "@amara", "@tomasz",
];
const TEAMS: &[&str] = &[
    "@db-oncall",
    "@platform",
    "@payments-oncall",
    "@sre",
    "@security",
    "@release-eng",
];
const FILLER: &[&str] = &[
    "The dashboards for the service showed the same shape in every region, which ruled out a single bad host early.",
    "Responders kept the incident channel to status updates and moved the investigation into a separate thread.",
    "The runbook for the service had been reviewed two months earlier and matched the production configuration.",
    "Customer support posted a holding message on the status page within ten minutes of the first page.",
    "Error budgets for the quarter were already partly used by an unrelated dependency outage in the first week.",
    "Traffic followed the usual weekday curve until the change reached the second availability zone.",
    "Graphs of queue depth and request latency were shared in the channel every few minutes during the response.",
    "The change had passed the staging environment, where traffic is a small fraction of production volume.",
];

fn para(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| *rng.pick(FILLER))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Generates postmortem number `index` of the corpus for `seed`. About a third carry one to
/// three planted defects; some use CRLF line endings or front matter.
pub fn generate(seed: u64, index: usize) -> Generated {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let year = 2024 + rng.below(3) as i32;
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let service = *rng.pick(SERVICES);
    let cause = *rng.pick(CAUSES);
    let owner = *rng.pick(PEOPLE);
    let reviewer = *rng.pick(PEOPLE);
    let mut planted: Vec<Defect> = Vec::new();
    if rng.chance(33) {
        for _ in 0..1 + rng.below(3) {
            let d = *rng.pick(&Defect::ALL);
            if !planted.contains(&d) {
                planted.push(d);
            }
        }
    }
    // Defects that another one hides are not planted together.
    if planted.contains(&Defect::ProseActions) {
        let table_only = [
            Defect::NoOwner,
            Defect::BadDueDate,
            Defect::NoType,
            Defect::BadActionStatus,
            Defect::ClosedNoReason,
            Defect::DuplicateId,
            Defect::AllPrevent,
            Defect::Overdue,
            Defect::VagueAction,
        ];
        planted.retain(|d| !table_only.contains(d));
    }
    if planted.contains(&Defect::NoSummaryTimes) {
        planted.retain(|d| *d != Defect::WrongDuration);
    }
    let has = |d: Defect| planted.contains(&d);
    let front_matter = rng.chance(25);
    let crlf = rng.chance(10);
    let date = format!("{year:04}-{month:02}-{day:02}");

    let mut out = String::with_capacity(8 * 1024);
    if front_matter {
        let status = if has(Defect::BadStatus) {
            "wip"
        } else {
            "review"
        };
        let _ = write!(
            out,
            "---\ntitle: {service} outage\nowner: \"{owner}\"\nreviewers: [\"{reviewer}\"]\nstatus: {status}\ndate: {date}\n---\n\n"
        );
    }
    let title = if has(Defect::Placeholder) {
        "<incident name>".to_owned()
    } else {
        format!("{service} outage on {date}")
    };
    let _ = write!(out, "# Postmortem: {title}\n\n");
    if !front_matter {
        let status = if has(Defect::BadStatus) {
            "wip"
        } else {
            "done"
        };
        let _ = write!(
            out,
            "## Status\n\n- **Owner:** {owner}\n- **Reviewers:** {reviewer}\n- **Status:** {status}\n\n"
        );
    }

    let start_h = 8 + rng.below(10);
    let start_m = rng.below(40);
    let minutes = 20 + rng.below(140);
    let end = start_h * 60 + start_m + minutes;
    let (end_h, end_m) = (end / 60, end % 60);
    let stated = if has(Defect::WrongDuration) {
        minutes + 37
    } else {
        minutes
    };
    out.push_str("## Summary\n\n");
    let _ = write!(
        out,
        "Requests to the {service} service failed after {cause}. {}\n\n",
        para(&mut rng, 2)
    );
    if !has(Defect::NoSummaryTimes) {
        let _ = write!(
            out,
            "- Detected at {start_h:02}:{start_m:02} UTC by the {service} error-rate alert.\n- Resolved at {end_h:02}:{end_m:02} UTC.\n- Duration: {stated} minutes.\n\n"
        );
    }

    out.push_str("## Impact\n\n");
    if has(Defect::EmptySection) {
        out.push_str("<!-- Users affected, revenue, SLO budget -->\n\n");
    } else {
        let _ = write!(
            out,
            "About {}% of requests to {service} failed. {}\n\n",
            2 + rng.below(60),
            para(&mut rng, 3)
        );
    }

    let zone = if has(Defect::NoTimezone) {
        ""
    } else {
        " (UTC)"
    };
    let _ = write!(out, "## Timeline{zone}\n\n{date}\n\n");
    let entries = 6 + rng.below(14);
    let mut t = start_h * 60 + start_m - 10;
    let swap_at = if has(Defect::OutOfOrder) {
        2 + rng.below(entries - 3)
    } else {
        usize::MAX
    };
    let mut stamps: Vec<usize> = (0..entries)
        .map(|_| {
            t += 1 + rng.below(9);
            t
        })
        .collect();
    if swap_at < entries - 1 {
        stamps.swap(swap_at, swap_at + 1);
    }
    for (i, stamp) in stamps.iter().enumerate() {
        let who = *rng.pick(PEOPLE);
        let what = if has(Defect::FeelingsInTimeline) && i == 1 {
            "I thought the spike was the nightly batch job and waited.".to_owned()
        } else {
            format!(
                "{who} checks the {service} dashboards; {}",
                rng.pick(FILLER).to_lowercase()
            )
        };
        let _ = writeln!(out, "- {:02}:{:02} {what}", (stamp / 60) % 24, stamp % 60);
    }
    out.push('\n');

    if !has(Defect::MissingSection) {
        let _ = write!(
            out,
            "## Detection\n\nThe {service} error-rate alert paged the on-call engineer. {}\n\n",
            para(&mut rng, 2)
        );
    }
    let sentences = 3 + rng.below(4);
    let _ = write!(out, "## Response\n\n{}\n\n", para(&mut rng, sentences));
    out.push_str("## Contributing factors\n\n");
    let _ = write!(
        out,
        "- Process: the release checklist did not cover {cause}.\n- Technical: {}\n",
        para(&mut rng, 2)
    );
    if has(Defect::HumanError) {
        out.push_str("- In the end this was human error during the release.\n");
    }
    if has(Defect::BlamedPerson) {
        let _ = writeln!(
            out,
            "- {owner} forgot to run the load test before the release."
        );
    }
    out.push('\n');
    if !has(Defect::MissingTrigger) {
        let _ = write!(
            out,
            "## Trigger\n\nThe release procedure allowed {cause} to reach production without a load test.\n\n"
        );
    }
    let _ = write!(
        out,
        "## What went well\n\n- {}\n- {}\n\n",
        rng.pick(FILLER),
        rng.pick(FILLER)
    );
    out.push_str("## Lessons learned\n\n- We look at structure, not at people: the checklist let this through.\n");
    if has(Defect::BeMoreCareful) {
        out.push_str("- We should be more careful with configuration releases.\n");
    }
    if has(Defect::EvaluationLanguage) {
        out.push_str("- The engineer involved will be held accountable.\n");
    }
    let _ = write!(out, "- {}\n\n", para(&mut rng, 2));

    out.push_str("## Action items\n\n");
    if has(Defect::ProseActions) {
        out.push_str("We will add a load test and look at the alert thresholds again.\n");
    } else {
        out.push_str("| ID | Action | Owner | Due | Type | Status |\n|----|--------|-------|-----|------|--------|\n");
        let items = 4 + rng.below(4);
        let types = ["prevent", "mitigate", "detect"];
        for i in 0..items {
            let id = if has(Defect::DuplicateId) && i == 1 {
                1
            } else {
                i + 1
            };
            let action = if has(Defect::VagueAction) && i == 0 {
                "Improve monitoring".to_owned()
            } else {
                format!(
                    "Add a {} check for {service} to the release pipeline (step {})",
                    rng.pick(&["load", "canary", "schema", "capacity"]),
                    i + 1
                )
            };
            let owner = if has(Defect::NoOwner) && i == 0 {
                "TBD"
            } else {
                *rng.pick(TEAMS)
            };
            let due = if has(Defect::BadDueDate) && i == 0 {
                "next sprint".to_owned()
            } else if has(Defect::Overdue) && i == 2 {
                "2020-01-15".to_owned()
            } else {
                format!(
                    "{}-{:02}-{:02}",
                    2027 + rng.below(2),
                    1 + rng.below(12),
                    1 + rng.below(28)
                )
            };
            let kind = if has(Defect::NoType) && i == 0 {
                "fix"
            } else if has(Defect::AllPrevent) {
                "prevent"
            } else {
                types[i % 3]
            };
            let status = if has(Defect::BadActionStatus) && i == 0 {
                "blocked".to_owned()
            } else if has(Defect::BadDueDate) && i == 0 {
                // A due date is asked of open items only.
                "open".to_owned()
            } else if has(Defect::ClosedNoReason) && i == 1 {
                "wontfix".to_owned()
            } else if has(Defect::Overdue) && i == 2 {
                "open".to_owned()
            } else if has(Defect::VagueAction) && i == 0 {
                // A vague item already done is not reported: whether one could tell when it
                // is done no longer matters.
                "in progress".to_owned()
            } else {
                rng.pick(&[
                    "open",
                    "in progress",
                    "done",
                    "deprioritized: superseded by the queue rewrite",
                ])
                .to_string()
            };
            let _ = writeln!(
                out,
                "| {id} | {action} | {owner} | {due} | {kind} | {status} |"
            );
        }
    }
    // Padding to the 3-12 KB of real postmortems: an appendix of observations.
    let target = 3 * 1024 + rng.below(9 * 1024);
    if out.len() < target {
        out.push_str("\n## Appendix\n\n");
        while out.len() < target {
            let _ = write!(out, "{}\n\n", para(&mut rng, 4));
        }
    }
    let text = if crlf { out.replace('\n', "\r\n") } else { out };
    Generated {
        path: format!("{year:04}/{month:02}/{date}-{service}-{index}.md"),
        bytes: text.into_bytes(),
        planted,
    }
}
