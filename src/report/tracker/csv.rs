//! The CSV that Jira's "Export issues → CSV" writes (RFC 4180: quoted fields, `""` for a
//! quote, line breaks inside quotes): rows of fields, nothing more.

/// The rows of `text`; a quote left open ends the last field at the end of the text.
pub(super) fn rows(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows.retain(|r| !(r.len() == 1 && r[0].trim().is_empty()));
    rows
}

#[cfg(test)]
mod tests {
    use super::rows;

    #[test]
    fn quotes_commas_and_line_breaks() {
        let text =
            "Issue key,Summary\r\nPLAT-1,\"Alert, then \"\"page\"\"\nsecond line\"\n\nPLAT-2,x";
        assert_eq!(
            rows(text),
            [
                vec!["Issue key", "Summary"],
                vec!["PLAT-1", "Alert, then \"page\"\nsecond line"],
                vec!["PLAT-2", "x"],
            ]
        );
    }
}
