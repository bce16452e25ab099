use super::*;

fn team() -> Trackers {
    let mut t = Trackers {
        github_bases: vec![Trackers::base("https://github.acme.example/")],
        gitlab_bases: vec![Trackers::base("https://gitlab.acme.example")],
        jira_bases: vec![Trackers::base("https://acme.atlassian.net")],
        ..Trackers::default()
    };
    t.set_keys(&["PLAT".into(), "OPS".into()], &["ENG".into()])
        .expect("valid keys");
    t
}

/// (tracker, reference) of each ticket in `text`.
fn refs(t: &Trackers, text: &str, cell: CellKind) -> Vec<(&'static str, String)> {
    t.scan(text, 0, cell)
        .into_iter()
        .map(|t| (t.tracker.name(), t.reference()))
        .collect()
}

fn text(t: &Trackers, text: &str) -> Vec<(&'static str, String)> {
    refs(t, text, CellKind::Text)
}

#[test]
fn github_forms() {
    let t = team();
    assert_eq!(
        text(&t, "Alert on queue depth (#412)"),
        [("github", "#412".to_owned())]
    );
    assert_eq!(
        text(&t, "see acme/api#12, then #7."),
        [
            ("github", "acme/api#12".to_owned()),
            ("github", "#7".to_owned())
        ]
    );
    assert_eq!(
        text(&t, "#1 #2 PLAT-1 PLAT-2"),
        [
            ("github", "#1".to_owned()),
            ("github", "#2".to_owned()),
            ("jira", "PLAT-1".to_owned()),
            ("jira", "PLAT-2".to_owned())
        ]
    );
    assert_eq!(
        text(
            &t,
            "https://github.com/acme/api/issues/12 and https://github.com/acme/web/pull/3"
        ),
        [
            ("github", "acme/api#12".to_owned()),
            ("github", "acme/web#3".to_owned())
        ]
    );
    // GitHub Enterprise, with the case of the owner kept.
    assert_eq!(
        text(
            &t,
            "<https://github.acme.example/Platform/Queue/issues/9#issuecomment-1>"
        ),
        [("github", "Platform/Queue#9".to_owned())]
    );
    // A link whose text is the reference: one ticket.
    assert_eq!(
        text(&t, "[#12](https://github.com/acme/api/issues/12)"),
        [("github", "acme/api#12".to_owned())]
    );
}

#[test]
fn gitlab_forms() {
    let t = team();
    assert_eq!(
        text(
            &t,
            "group/sub/project#5 and https://gitlab.com/acme/api/-/issues/8"
        ),
        [
            ("gitlab", "group/sub/project#5".to_owned()),
            ("gitlab", "acme/api#8".to_owned())
        ]
    );
    assert_eq!(
        text(
            &t,
            "https://gitlab.acme.example/infra/db/-/merge_requests/41"
        ),
        [("gitlab", "infra/db#41".to_owned())]
    );
    let gitlab = Trackers {
        forge: Tracker::GitLab,
        ..Trackers::default()
    };
    assert_eq!(
        text(&gitlab, "infra/db#3 (#4)"),
        [
            ("gitlab", "infra/db#3".to_owned()),
            ("gitlab", "#4".to_owned())
        ]
    );
}

#[test]
fn jira_and_linear_forms() {
    let t = team();
    assert_eq!(
        text(
            &t,
            "PLAT-1234, OPS-7: https://acme.atlassian.net/browse/INFRA-12"
        ),
        [
            ("jira", "PLAT-1234".to_owned()),
            ("jira", "OPS-7".to_owned()),
            ("jira", "INFRA-12".to_owned())
        ]
    );
    assert_eq!(
        text(
            &t,
            "ENG-42 https://linear.app/acme/issue/ENG-43/alert-on-depth"
        ),
        [
            ("linear", "ENG-42".to_owned()),
            ("linear", "ENG-43".to_owned())
        ]
    );
}

#[test]
fn what_is_not_a_ticket() {
    let t = team();
    for not in [
        "SEV-2 incident, v1.2.3, 2026-12-15, release 4.1-2",
        "see [Timeline](#1) and [root cause](#2-why)",
        "PLAT-1.2 is a version; XPLAT-3 and PLAT-3x are other words",
        "a#12, &#12; #12a #1.5 issue#3",
        "https://example.com/browse/PLAT-x https://github.com/acme/api/wiki/12",
        "https://jira.other.example/browse/PLAT-9",
    ] {
        let found: Vec<_> = text(&t, not)
            .into_iter()
            .filter(|(_, r)| r != "PLAT-9")
            .collect();
        assert!(found.is_empty(), "{not}: {found:?}");
    }
    // A key the config does not list, or any key without a config, is not a ticket.
    assert!(text(&Trackers::default(), "PLAT-12 ENG-3").is_empty());
    // `#3` in an ID column numbers the item.
    assert!(refs(&t, "#3", CellKind::Id).is_empty());
    assert_eq!(
        refs(&t, "PLAT-3", CellKind::Id),
        [("jira", "PLAT-3".to_owned())]
    );
    // A number alone is a ticket in a Ticket column only.
    assert!(text(&t, "412").is_empty());
    assert_eq!(
        refs(&t, " 412 ", CellKind::Ticket),
        [("github", "#412".to_owned())]
    );
}

#[test]
fn ranges_point_at_the_reference() {
    let t = team();
    let s = "x Fix it (PLAT-12) and https://github.com/a/b/issues/3.";
    let found = t.scan(&s[2..], 2, CellKind::Text);
    let shown: Vec<&str> = found.iter().map(|t| &s[t.range.clone()]).collect();
    assert_eq!(shown, ["PLAT-12", "https://github.com/a/b/issues/3"]);
}

#[test]
fn keys_are_checked() {
    let mut t = Trackers::default();
    assert_eq!(t.set_keys(&["PL AT".into()], &[]), Err("PL AT".to_owned()));
    assert_eq!(t.set_keys(&[], &["1ENG".into()]), Err("1ENG".to_owned()));
}

#[test]
fn many_references_stay_linear() {
    let t = team();
    let line: String = (0..20_000)
        .map(|n| format!("#{n} https://github.com/a/b/issues/{n} PLAT-{n} "))
        .collect();
    let started = std::time::Instant::now();
    let found = t.scan(&line, 0, CellKind::Text);
    assert_eq!(found.len(), 40_000);
    // Generous for a debug build on a shared machine; quadratic work takes minutes.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}
