//! A resolution from one Akoma Ntoso (AKN4UN) XML file, as the UN publishes them.
//!
//! Sources are untrusted: a document type declaration is refused (so no entity is ever
//! expanded and no external reference followed), the file is limited to the data file's
//! size, the number of nodes and the nesting depth are bounded, and every text taken is
//! whitespace-normalised and cleaned of control characters.

use chrono::NaiveDate;
use roxmltree::{Document, Node, ParsingOptions};

use super::{normalise, number_and_year, reduce_vote, title_case, vote_from_counts, Resolution};
use crate::import::SourceError;
use crate::source::MAX_FILE_BYTES;

/// At most this many nodes (a long resolution has some tens of thousands).
pub const MAX_NODES: u32 = 2_000_000;
/// Elements nested deeper than this are refused (real files stay under 20).
pub const MAX_DEPTH: usize = 128;
/// The start of the error for a text in another language (a folder passes those over).
pub const NOT_ENGLISH: &str = "not an English text";

fn error(path: &str, line: Option<usize>, message: impl Into<String>) -> SourceError {
    SourceError {
        path: path.to_owned(),
        line,
        message: message.into(),
    }
}

/// Reads the resolution in `bytes` (the contents of `path`).
pub fn parse(bytes: &[u8], path: &str) -> Result<Resolution, SourceError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(error(
            path,
            None,
            format!(
                "file is {} bytes, over the {} MiB limit",
                bytes.len(),
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        error(path, Some(line), "not UTF-8 text")
    })?;
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: MAX_NODES,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| {
        let message = match &e {
            roxmltree::Error::DtdDetected => "a document type declaration (DTD) is not accepted: entities are never expanded and external references never followed".to_owned(),
            roxmltree::Error::NodesLimitReached => format!("more than {MAX_NODES} XML nodes"),
            other => format!("malformed XML: {}", normalise(&other.to_string())),
        };
        let line = match e {
            roxmltree::Error::DtdDetected => first_line_of(text, "<!DOCTYPE"),
            roxmltree::Error::NodesLimitReached => None,
            // A truncated file: it ends on its last line.
            roxmltree::Error::UnexpectedEndOfStream => {
                Some(text.bytes().filter(|b| *b == b'\n').count() + 1)
            }
            other => Some(other.pos().row as usize),
        };
        error(path, line, message)
    })?;
    check_depth(&doc).map_err(|line| {
        error(
            path,
            Some(line),
            format!("elements nested more than {MAX_DEPTH} deep"),
        )
    })?;
    read(&doc, path)
}

fn first_line_of(text: &str, needle: &str) -> Option<usize> {
    text.find(needle)
        .map(|i| text[..i].bytes().filter(|b| *b == b'\n').count() + 1)
}

/// The line of the first element nested deeper than [`MAX_DEPTH`]. Document order
/// visits a parent before its children, so one pass fills every depth.
fn check_depth(doc: &Document) -> Result<(), usize> {
    let mut depth = vec![0usize; doc.descendants().count()];
    for n in doc.root().descendants() {
        let Some(parent) = n.parent() else { continue };
        let d = depth.get(parent.id().get() as usize).copied().unwrap_or(0) + 1;
        if let Some(slot) = depth.get_mut(n.id().get() as usize) {
            *slot = d;
        }
        if n.is_element() && d > MAX_DEPTH {
            return Err(doc.text_pos_at(n.range().start).row as usize);
        }
    }
    Ok(())
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

fn descendant<'a, 'i>(node: Node<'a, 'i>, name: &str, attr: (&str, &str)) -> Option<Node<'a, 'i>> {
    node.descendants().find(|d| {
        d.is_element() && d.tag_name().name() == name && d.attribute(attr.0) == Some(attr.1)
    })
}

fn read(doc: &Document, path: &str) -> Result<Resolution, SourceError> {
    let root = doc.root_element();
    let line_of = |n: Node| Some(doc.text_pos_at(n.range().start).row as usize);
    if root.tag_name().name() != "akomaNtoso" {
        return Err(error(
            path,
            line_of(root),
            format!(
                "not an Akoma Ntoso document (its root is <{}>)",
                normalise(root.tag_name().name())
            ),
        ));
    }
    let statement = root
        .children()
        .find(|c| c.is_element())
        .ok_or_else(|| error(path, line_of(root), "no document inside <akomaNtoso>"))?;
    let meta = child(statement, "meta")
        .ok_or_else(|| error(path, line_of(statement), "no <meta> element"))?;

    if let Some(lang) = meta
        .descendants()
        .find(|d| d.tag_name().name() == "FRBRExpression")
        .and_then(|e| {
            e.descendants()
                .find(|d| d.tag_name().name() == "FRBRlanguage")
        })
        .and_then(|l| l.attribute("language"))
    {
        if lang != "eng" && lang != "en" {
            return Err(error(
                path,
                None,
                format!(
                    "{NOT_ENGLISH} (language \"{}\"): operative paragraphs are read in English only",
                    normalise(lang)
                ),
            ));
        }
    }

    let adopted = adoption_date(statement, meta).ok_or_else(|| {
        error(
            path,
            line_of(meta),
            "no readable adoption date (FRBRdate name=\"adoption\")",
        )
    })?;

    let symbol_node = descendant(statement, "docNumber", ("refersTo", "#symbol"));
    let symbol_text = symbol_node.map(|n| normalise(&text_of(n)));
    let from_work = meta
        .descendants()
        .find(|d| d.tag_name().name() == "FRBRWork")
        .and_then(|w| w.descendants().find(|d| d.tag_name().name() == "FRBRthis"))
        .and_then(|t| t.attribute("value"))
        .and_then(number_from_work_uri);
    let (number, year) = symbol_text
        .as_deref()
        .and_then(number_and_year)
        .or(from_work)
        .ok_or_else(|| {
            error(
                path,
                line_of(statement),
                "no resolution number (docNumber refersTo=\"#symbol\")",
            )
        })?;
    let symbol = format!("S/RES/{number} ({year})");

    let adopted_step = descendant(meta, "step", ("outcome", "adopted"));
    let recorded = adopted_step.and_then(|s| s.attribute("by")).unwrap_or("");
    let chapter_vii = adopted_step
        .and_then(|s| s.attribute("refersTo"))
        .is_some_and(|r| r.contains("Chapter VII"));

    let count = |which: &str| descendant(meta, "count", ("refersTo", which));
    let names = |which: &str| -> Vec<String> {
        count(which)
            .map(|c| {
                c.descendants()
                    .filter(|d| d.is_element() && d.tag_name().name() == "organization")
                    .map(|o| title_case(&text_of(o)))
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let value = |which: &str| -> Option<u32> {
        count(which)
            .and_then(|c| c.attribute("value"))
            .and_then(|v| v.trim().parse().ok())
    };
    let vote = reduce_vote(recorded)
        .or_else(|| vote_from_counts(value("inFavour"), value("against"), value("abstaining")));

    let title = meta
        .descendants()
        .find(|d| {
            d.is_element()
                && d.tag_name().name() == "keyword"
                && d.attribute("refersTo") == Some("title")
        })
        .and_then(|k| k.attribute("value").or_else(|| k.attribute("showAs")))
        .map(normalise)
        .filter(|t| !t.is_empty());

    let paragraphs = child(statement, "mainBody")
        .map(operative_paragraphs)
        .unwrap_or_default();

    Ok(Resolution {
        number,
        year,
        symbol,
        adopted,
        vote,
        in_favour: names("inFavour"),
        against: names("against"),
        abstaining: names("abstaining"),
        chapter_vii,
        title,
        paragraphs,
        origin: path.to_owned(),
    })
}

fn adoption_date(statement: Node, meta: Node) -> Option<NaiveDate> {
    let iso = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
    meta.descendants()
        .find(|d| d.tag_name().name() == "FRBRWork")
        .and_then(|w| descendant(w, "FRBRdate", ("name", "adoption")))
        .and_then(|d| d.attribute("date"))
        .and_then(iso)
        .or_else(|| {
            descendant(statement, "docDate", ("refersTo", "#adoptionDate")).and_then(|d| {
                d.attribute("date")
                    .and_then(iso)
                    .or_else(|| super::dates::date_at_start(&normalise(&text_of(d))))
            })
        })
}

/// "/akn/un/statement/deliberation/unsc/2026-09-29/2829-2026/!main/" -> (2829, 2026).
fn number_from_work_uri(uri: &str) -> Option<(u32, i32)> {
    uri.split('/').find_map(|part| {
        let (n, y) = part.split_once('-')?;
        let n: u32 = n.parse().ok()?;
        let y: i32 = y.parse().ok()?;
        (y >= 1000 && n > 0).then_some((n, y))
    })
}

/// An operative paragraph number: digits and a full stop ("5.").
fn op_number(num: Node) -> Option<u32> {
    let t = normalise(&text_of(num));
    let digits = t.strip_suffix('.')?;
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_op(node: Node) -> bool {
    node.is_element() && node.tag_name().name() == "num" && op_number(node).is_some()
}

/// Every operative paragraph under `body`: each `num` that reads "N." anywhere below it
/// (resolution 2820 nests its fifth inside a sub-list), with the text of the element
/// that holds it, less that number and less any operative paragraph nested inside.
fn operative_paragraphs(body: Node) -> Vec<(u32, String)> {
    body.descendants()
        .filter(|d| is_op(*d))
        .filter_map(|num| {
            let holder = num.parent()?;
            let n = op_number(num)?;
            Some((n, normalise(&text_without(holder, num))))
        })
        .collect()
}

/// Elements whose text runs on inside a line: no space around them.
fn inline(name: &str) -> bool {
    matches!(
        name,
        "span"
            | "a"
            | "inline"
            | "i"
            | "b"
            | "u"
            | "sup"
            | "sub"
            | "ref"
            | "docDate"
            | "term"
            | "abbr"
            | "date"
            | "mref"
            | "rref"
            | "em"
            | "strong"
    )
}

/// The text of `holder`, less its own number `own` and less any element below it that
/// holds another operative paragraph; block elements are separated by spaces. Walked
/// with a stack, not recursion.
fn text_without(holder: Node, own: Node) -> String {
    let mut out = String::new();
    let mut stack: Vec<Node> = holder.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if n == own {
            continue;
        }
        if n.is_text() {
            out.push_str(n.text().unwrap_or(""));
            continue;
        }
        if !n.is_element() {
            continue;
        }
        if n.children().any(is_op) {
            continue;
        }
        let block = !inline(n.tag_name().name());
        if block {
            out.push(' ');
        }
        let mut kids: Vec<Node> = n.children().collect();
        kids.reverse();
        stack.extend(kids);
    }
    out
}

/// All the text below `node`, in document order.
fn text_of(node: Node) -> String {
    node.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:akn4un="http://un.org/akn4un"><statement name="resolution"><meta><identification source="#DGACM"><FRBRWork><FRBRthis value="/akn/un/statement/deliberation/unsc/2026-04-30/2820-2026/!main/"/><FRBRdate date="2026-04-30" name="adoption"/></FRBRWork><FRBRExpression><FRBRlanguage language="eng"/></FRBRExpression></identification>"##;

    fn doc(meta_rest: &str, body: &str) -> String {
        format!(
            "{HEAD}{meta_rest}</meta><coverPage><p><docNumber refersTo=\"#symbol\">S/RES/2820 (2026)</docNumber></p></coverPage><mainBody>{body}</mainBody></statement></akomaNtoso>"
        )
    }

    #[test]
    fn nested_operative_paragraphs_are_found_in_order() {
        let body = r##"<paragraph eId="para_1"><content><p><span class="bold">A heading</span></p></content></paragraph>
<paragraph eId="para_2"><num>1.</num><content><p xml:space="preserve">	<span class="italic">Decides</span> to extend
  the mandate until 30&#160;April&#160;2027;</p></content></paragraph>
<paragraph eId="para_3"><num>(d)</num><list><intro><p>Tasks:</p></intro><point eId="p1"><num>(i)</num><content><p>monitor;</p></content></point>
<sublist><point eId="p5"><num>5.</num><content><p><span class="italic">Decides</span> that the troop ceiling of 12,500 personnel stays;</p></content></point></sublist></list></paragraph>
<paragraph eId="para_9"><num>2.</num><list><intro><p>Requests:</p></intro><point><num>(a)</num><content><p>a report;</p></content></point></list></paragraph>"##;
        let r = parse(doc("", body).as_bytes(), "t.xml").unwrap();
        assert_eq!(
            r.paragraphs,
            vec![
                (
                    1,
                    "Decides to extend the mandate until 30 April 2027;".to_owned()
                ),
                (
                    5,
                    "Decides that the troop ceiling of 12,500 personnel stays;".to_owned()
                ),
                (2, "Requests: (a) a report;".to_owned()),
            ]
        );
        assert_eq!(r.number, 2820);
        assert_eq!(r.symbol, "S/RES/2820 (2026)");
        assert_eq!(r.adopted, NaiveDate::from_ymd_opt(2026, 4, 30).unwrap());
    }

    #[test]
    fn a_numbered_paragraph_holding_another_leaves_it_out() {
        let body = r##"<paragraph><num>3.</num><content><p>Outer;</p></content><list><point><num>4.</num><content><p>Inner;</p></content></point></list></paragraph>"##;
        let r = parse(doc("", body).as_bytes(), "t.xml").unwrap();
        assert_eq!(
            r.paragraphs,
            vec![(3, "Outer;".to_owned()), (4, "Inner;".to_owned())]
        );
    }

    #[test]
    fn vote_and_members_and_title() {
        let meta = r##"<classification source="DHLAUTH"><keyword refersTo="title" dictionary="DHL" value="Security Council resolution 2820 (2026) [on extension of the mandate of the UN Mission in South Sudan (UNMISS) until 30 Apr. 2027]"/></classification>
<workflow source="#un"><step outcome="adopted" as="S/PV.10148" by="Adopted 13-0-2, 10148thmeeting" refersTo="Chapter VII"/></workflow>
<analysis><parliamentary><voting outcome="adoptedRecordedVote"><count value="013" refersTo="inFavour"><akn4un:voters><organization refersTo="memberState">FRANCE</organization><organization refersTo="memberState">UNITED KINGDOM</organization></akn4un:voters></count><count value="002" refersTo="abstaining"><akn4un:voters><organization refersTo="memberState">CHINA</organization><organization refersTo="memberState">RUSSIAN FEDERATION</organization></akn4un:voters></count></voting></parliamentary></analysis>"##;
        let r = parse(doc(meta, "").as_bytes(), "t.xml").unwrap();
        assert_eq!(r.vote.as_deref(), Some("13-0-2"));
        assert!(r.chapter_vii);
        assert_eq!(r.in_favour, vec!["France", "United Kingdom"]);
        assert_eq!(r.abstaining, vec!["China", "Russian Federation"]);
        assert!(r.against.is_empty());
        assert_eq!(
            r.title.as_deref(),
            Some("Security Council resolution 2820 (2026) [on extension of the mandate of the UN Mission in South Sudan (UNMISS) until 30 Apr. 2027]")
        );
    }

    #[test]
    fn vote_from_counts_when_the_words_say_nothing() {
        let meta = r##"<workflow><step outcome="adopted" by="Adopted, 10148th meeting"/></workflow><analysis><parliamentary><voting><count value="014" refersTo="inFavour"/><count value="001" refersTo="abstaining"/></voting></parliamentary></analysis>"##;
        let r = parse(doc(meta, "").as_bytes(), "t.xml").unwrap();
        assert_eq!(r.vote.as_deref(), Some("14-0-1"));
        assert!(!r.chapter_vii);
    }

    #[test]
    fn a_dtd_is_refused_with_its_line() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]>\n<akomaNtoso>&a;</akomaNtoso>";
        let e = parse(text.as_bytes(), "d.xml").unwrap_err();
        assert_eq!(e.path, "d.xml");
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("DTD"), "{}", e.message);
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let text = "<akomaNtoso>\n<statement>\n<meta>\n</statement>";
        let e = parse(text.as_bytes(), "m.xml").unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.starts_with("malformed XML"), "{}", e.message);
    }

    #[test]
    fn depth_and_size_are_bounded() {
        let deep = format!(
            "<akomaNtoso>{}{}</akomaNtoso>",
            "<x>".repeat(200),
            "</x>".repeat(200)
        );
        let e = parse(deep.as_bytes(), "deep.xml").unwrap_err();
        assert!(e.message.contains("nested"), "{}", e.message);
        let huge = vec![b' '; MAX_FILE_BYTES as usize + 1];
        let e = parse(&huge, "huge.xml").unwrap_err();
        assert!(e.message.contains("MiB"), "{}", e.message);
    }

    #[test]
    fn not_akoma_ntoso_nor_english() {
        let e = parse(b"<html/>", "h.xml").unwrap_err();
        assert!(e.message.contains("<html>"), "{}", e.message);
        let french = doc("", "").replace("language=\"eng\"", "language=\"fra\"");
        let e = parse(french.as_bytes(), "f.xml").unwrap_err();
        assert!(e.message.starts_with(NOT_ENGLISH), "{}", e.message);
        let no_date = doc("", "").replace(" name=\"adoption\"", "");
        let e = parse(no_date.as_bytes(), "n.xml").unwrap_err();
        assert!(e.message.contains("adoption date"), "{}", e.message);
    }

    #[test]
    fn control_characters_are_cleaned() {
        let body = "<paragraph><num>1.</num><content><p>Decides&#x9b;[2J to &#x202e;extend;</p></content></paragraph>";
        let r = parse(doc("", body).as_bytes(), "t.xml").unwrap();
        assert_eq!(r.paragraphs[0].1, "Decides\u{fffd}[2J to extend;");
    }
}
