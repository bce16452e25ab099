use super::*;

fn day(s: &str) -> Date {
    Date::parse_iso(s).unwrap_or_else(|| Date::from_days(0))
}

const GH: &str = r#"[
  {"assignees":[{"id":"MDQ6VXNlcjE=","login":"dana","name":"Dana Whitfield"}],"closedAt":"2026-10-12T09:14:03Z","number":1,"state":"CLOSED","stateReason":"COMPLETED"},
  {"assignees":[],"closedAt":"2026-10-20T16:00:00Z","number":2,"state":"CLOSED","stateReason":"NOT_PLANNED"},
  {"assignees":[{"login":"lee"}],"closedAt":null,"number":3,"state":"OPEN","stateReason":""},
  {"assignees":[],"closedAt":"0001-01-01T00:00:00Z","number":4,"state":"OPEN","stateReason":"REOPENED"}
]"#;

fn key(tracker: Tracker, project: Option<&str>, id: &str) -> TicketKey {
    TicketKey {
        tracker,
        project: project.map(str::to_owned),
        id: id.to_owned(),
    }
}

#[test]
fn a_gh_export_is_read() {
    let facts = read_export(GH).unwrap_or_default();
    assert_eq!(facts.len(), 4);
    let one = facts.get(&key(Tracker::GitHub, None, "1"));
    assert_eq!(
        one,
        Some(&Fact {
            ending: Ending::Done,
            closed_on: Some(day("2026-10-12")),
            assignees: vec!["@dana".into()],
            reason: None,
        })
    );
    let two = facts.get(&key(Tracker::GitHub, None, "2"));
    assert_eq!(two.map(|f| f.ending), Some(Ending::NotPlanned));
    let four = facts.get(&key(Tracker::GitHub, None, "4"));
    assert_eq!(
        four.map(|f| (f.ending, f.closed_on)),
        Some((Ending::Open, None))
    );
    // `other/repo#1` is another repository's issue; `acme/api#1` is this one's once the
    // repository is known.
    assert!(
        facts
            .get(&key(Tracker::GitHub, Some("other/repo"), "1"))
            .is_none()
    );
    let mut facts = facts;
    facts.repo = Some("acme/api".into());
    assert!(
        facts
            .get(&key(Tracker::GitHub, Some("Acme/API"), "1"))
            .is_some()
    );
}

#[test]
fn a_jira_csv_export_is_read() {
    let csv = "Summary,Issue key,Issue id,Status,Resolution,Resolved,Assignee\n\
\"Alert on pool saturation, 80%\",PLAT-1841,10231,Done,Done,12/Oct/26 9:14 AM,dana\n\
Load test pool changes,PLAT-1842,10232,Closed,Won't Do,2026-10-20 16:00,\n\
Move the pool size,PLAT-1843,10233,In Progress,,,lee\n";
    let facts = read_export(csv).unwrap_or_default();
    let get = |id: &str| facts.get(&key(Tracker::Jira, None, id)).cloned();
    assert_eq!(
        get("PLAT-1841").map(|f| (f.ending, f.closed_on, f.assignees)),
        Some((
            Ending::Done,
            Some(day("2026-10-12")),
            vec!["dana".to_owned()]
        ))
    );
    assert_eq!(
        get("PLAT-1842").map(|f| (f.ending, f.closed_on, f.reason)),
        Some((
            Ending::NotPlanned,
            Some(day("2026-10-20")),
            Some("Won't Do".to_owned())
        ))
    );
    assert_eq!(get("PLAT-1843").map(|f| f.ending), Some(Ending::Open));
}

#[test]
fn unreadable_exports_say_why() {
    let err = read_export("[{\"state\":\"OPEN\"}]").unwrap_err();
    assert!(err.0.contains("has no `number`"), "{err}");
    let err = read_export("Key,Summary\nA-1,x\n").unwrap_err();
    assert!(err.0.contains("no `Issue key` column"), "{err}");
    let err = read_export("[{\"number\":1,").unwrap_err();
    assert!(err.0.contains("line 1"), "{err}");
    assert!(read_export("").is_err());
}

fn item(tickets: Vec<TicketKey>, state: State) -> Item {
    let mut item = Item::new("docs/pm.md", Some(day("2026-10-01")));
    item.tickets = tickets;
    item.state = state;
    item.states = vec![(day("2026-10-01"), state)];
    item.ever_tracked = true;
    item
}

#[test]
fn facts_end_open_items_the_document_does_not_end() {
    let facts = read_export(GH).unwrap_or_default();
    let mut history = History {
        commits: None,
        changed_commits: 0,
        postmortems: Vec::new(),
        items: vec![
            item(vec![key(Tracker::GitHub, None, "1")], State::Open),
            item(vec![key(Tracker::GitHub, None, "2")], State::InProgress),
            item(vec![key(Tracker::GitHub, None, "3")], State::Open),
            // The document says done: it keeps its own word.
            item(vec![key(Tracker::GitHub, None, "2")], State::Done),
            item(vec![key(Tracker::GitHub, None, "99")], State::Open),
            item(Vec::new(), State::Open),
        ],
    };
    let applied = apply(&mut history, &facts);
    assert_eq!(applied.ended, 2);
    assert_eq!(
        applied.unknown,
        [("docs/pm.md".to_owned(), "#99".to_owned())]
    );
    let [done, closed, open, kept, unknown, plain] = history.items.as_slice() else {
        panic!("six items");
    };
    assert_eq!(
        (done.state, done.done_on),
        (State::Done, Some(day("2026-10-12")))
    );
    assert_eq!(done.owner.as_deref(), Some("@dana"));
    assert_eq!(closed.state, State::Closed);
    assert_eq!(closed.closed, Some(day("2026-10-20")));
    assert_eq!(
        closed.reason.as_deref(),
        Some("not planned (#2 in the tracker)")
    );
    assert_eq!(
        (open.state, open.owner.as_deref()),
        (State::Open, Some("@lee"))
    );
    assert_eq!((kept.state, kept.closed), (State::Done, None));
    assert_eq!(unknown.state, State::Open);
    assert_eq!(plain.state, State::Open);
}

#[test]
fn remotes_name_their_repository() {
    for url in [
        "https://github.com/Acme/API.git",
        "git@github.com:acme/api.git",
        "ssh://git@github.example.com:22/acme/api",
        "https://x-access-token:secret@github.com/acme/api/",
    ] {
        assert_eq!(repo_of_remote(url).as_deref(), Some("acme/api"), "{url}");
    }
    assert_eq!(repo_of_remote("/srv/git/api"), None);
}
