//! Telling a source's kind by its content, never by its name.

use super::SourceError;

/// What a source holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// An Akoma Ntoso (AKN4UN) resolution: the file starts with markup.
    ResolutionXml,
    /// The `data_extract` JSON Lines: the first line is a JSON object.
    ResolutionJsonl,
    /// The troop and police contributions CSV: its header has `Mission_Acronym` (HDX)
    /// or `mission_acronym` (the Data Hub).
    ContributionsCsv,
}

/// Tells the kind of `bytes` (the contents of `path`, named in the error). A UTF-8 byte
/// order mark and leading blank space are passed over.
pub fn kind_of(bytes: &[u8], path: &str) -> Result<SourceKind, SourceError> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let rest = &bytes[start..];
    match rest.first() {
        Some(b'<') => return Ok(SourceKind::ResolutionXml),
        Some(b'{') => return Ok(SourceKind::ResolutionJsonl),
        _ => {}
    }
    let first_line = rest.split(|b| *b == b'\n').next().unwrap_or_default();
    let header = String::from_utf8_lossy(first_line);
    let is_contributions = header
        .split(',')
        .map(|f| f.trim().trim_matches('"'))
        .any(|f| f == "Mission_Acronym" || f == "mission_acronym");
    if is_contributions {
        return Ok(SourceKind::ContributionsCsv);
    }
    let message = if rest.is_empty() {
        "empty: not a resolution XML file, a data_extract JSON Lines file or a contributions CSV file".to_owned()
    } else {
        "not a resolution XML file (it would start with '<'), a data_extract JSON Lines file (a JSON object per line) or a contributions CSV file (a header with Mission_Acronym or mission_acronym)".to_owned()
    };
    Err(SourceError {
        path: path.to_owned(),
        line: Some(1),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        assert_eq!(
            kind_of(b"<?xml version=\"1.0\"?><akomaNtoso/>", "a.json"),
            Ok(SourceKind::ResolutionXml)
        );
        assert_eq!(
            kind_of(b"\xef\xbb\xbf\n  <akomaNtoso/>", "x"),
            Ok(SourceKind::ResolutionXml)
        );
        assert_eq!(
            kind_of(b"{\"symbol\": \"S/RES/2812 (2026)\"}\n", "2026.xml"),
            Ok(SourceKind::ResolutionJsonl)
        );
        assert_eq!(
            kind_of(
                b"\xef\xbb\xbfContribution_ID,ISOCode3,M49_Code,Contributing_Country,Mission_Acronym,Personnel_Type\r\n1,FRA",
                "r.xml"
            ),
            Ok(SourceKind::ContributionsCsv)
        );
        assert_eq!(
            kind_of(b"contribution_id,isocode3,\"mission_acronym\"\n", "x"),
            Ok(SourceKind::ContributionsCsv)
        );
    }

    #[test]
    fn unknown_kinds_are_clear_errors() {
        let e = kind_of(b"mission,acronym\nUNMISS,1\n", "data/x.csv").unwrap_err();
        assert_eq!(e.path, "data/x.csv");
        assert_eq!(e.line, Some(1));
        assert!(
            e.message.starts_with("not a resolution XML file"),
            "{}",
            e.message
        );
        let e = kind_of(b"  \n", "empty.txt").unwrap_err();
        assert!(e.message.starts_with("empty"), "{}", e.message);
        // A header naming the column only inside another is not a contributions file.
        assert!(kind_of(b"My_Mission_Acronym,x\n", "x").is_err());
    }
}
