//! The walker's counting rules, one case each.

use super::*;
use quick_xml::events::Event;
use quick_xml::reader::NsReader;

/// (addr, anchor) of every element opened, in order.
fn walk(xml: &str) -> Vec<(Option<Addr>, Option<usize>)> {
    let mut reader = NsReader::from_str(xml);
    let mut walker = BlockWalker::new();
    let mut depth = 0;
    let mut out = Vec::new();
    loop {
        let (resolved, event) = reader.read_resolved_event().expect("xml");
        let is_w = matches!(
            resolved,
            quick_xml::name::ResolveResult::Bound(ns)
                if ns.as_ref() == "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        );
        let is_mc = matches!(resolved, quick_xml::name::ResolveResult::Bound(ns) if ns.as_ref().ends_with("markup-compatibility/2006"));
        match event {
            Event::Start(e) => {
                depth += 1;
                let local = e.local_name().into_inner().as_bytes().to_vec();
                let fallback = is_mc && local == b"Fallback";
                let opened = walker.start(is_w, fallback, &local, depth);
                if opened != Opened::default() {
                    out.push((opened.addr, opened.anchor));
                }
            }
            Event::Empty(e) => {
                let local = e.local_name().into_inner().as_bytes().to_vec();
                let fallback = is_mc && local == b"Fallback";
                let opened = walker.start(is_w, fallback, &local, depth + 1);
                if opened != Opened::default() {
                    out.push((opened.addr, opened.anchor));
                }
                walker.end(is_w, &local, depth + 1);
            }
            Event::End(e) => {
                walker.end(is_w, e.local_name().into_inner().as_bytes(), depth);
                depth -= 1;
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

fn doc(body: &str) -> String {
    format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
    )
}

#[test]
fn paragraphs_and_tables_are_counted_apart() {
    let out = walk(&doc(
        "<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/><w:p/></w:tc></w:tr></w:tbl><w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>",
    ));
    assert_eq!(
        out,
        vec![
            (Some(Addr::Paragraph(1)), Some(1)),
            (Some(Addr::Table(1)), None),
            (Some(Addr::Row(1, 1)), None),
            (Some(Addr::Cell(1, 1, 1)), None),
            (None, Some(2)),
            (Some(Addr::Cell(1, 1, 2)), None),
            (None, Some(3)),
            (None, Some(4)),
            (Some(Addr::Paragraph(2)), Some(5)),
            (Some(Addr::Table(2)), None),
            (Some(Addr::Row(2, 1)), None),
            (Some(Addr::Cell(2, 1, 1)), None),
            (None, Some(6)),
        ]
    );
}

#[test]
fn content_controls_around_blocks_rows_and_cells_are_not_levels() {
    let out = walk(&doc(
        "<w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt><w:tbl><w:sdt><w:sdtContent><w:tr><w:tc><w:p/></w:tc><w:sdt><w:sdtContent><w:tc><w:p/></w:tc></w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt></w:tbl>",
    ));
    let addrs: Vec<Addr> = out.iter().filter_map(|(a, _)| *a).collect();
    assert_eq!(
        addrs,
        vec![
            Addr::Paragraph(1),
            Addr::Table(1),
            Addr::Row(1, 1),
            Addr::Cell(1, 1, 1),
            Addr::Cell(1, 1, 2)
        ]
    );
}

#[test]
fn text_boxes_fallbacks_nested_tables_and_old_properties_do_not_count() {
    let text_box = "<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:p/></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    let nested = "<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>";
    let change = "<w:p><w:pPr><w:pPrChange><w:pPr/></w:pPrChange></w:pPr></w:p>";
    let out = walk(&doc(&format!("{text_box}{nested}{change}<w:p/>")));
    let addrs: Vec<Addr> = out.iter().filter_map(|(a, _)| *a).collect();
    assert_eq!(
        addrs,
        vec![
            Addr::Paragraph(1),
            Addr::Table(1),
            Addr::Row(1, 1),
            Addr::Cell(1, 1, 1),
            Addr::Paragraph(2),
            Addr::Paragraph(3)
        ]
    );
    // Anchors: the text-box paragraph, 2 paragraphs in the nested table's cell, the two
    // top-level ones; the text box's own paragraphs are not anchors.
    let anchors: Vec<usize> = out.iter().filter_map(|(_, a)| *a).collect();
    assert_eq!(anchors, vec![1, 2, 3, 4, 5]);
}

#[test]
fn location_paths_parse_to_the_longest_known_prefix() {
    assert_eq!(parse_path("/w:document/w:body"), Some(Addr::Body));
    assert_eq!(
        parse_path("/w:document/w:body/w:p[12]"),
        Some(Addr::Paragraph(12))
    );
    assert_eq!(
        parse_path("/w:document/w:body/w:tbl[1]/w:tr[7]/w:tc[2]"),
        Some(Addr::Cell(1, 7, 2))
    );
    assert_eq!(
        parse_path("/w:document/w:body/w:tbl[2]/w:tr[3]"),
        Some(Addr::Row(2, 3))
    );
    assert_eq!(
        parse_path("/w:document/w:body/w:tbl[1]"),
        Some(Addr::Table(1))
    );
    assert_eq!(
        parse_path("/w:document/w:body/w:p[3]/w:pPr/w:sectPr"),
        Some(Addr::Paragraph(3))
    );
    assert_eq!(
        parse_path("/w:document/w:body/w:p[3]/w:tr[11]"),
        Some(Addr::Paragraph(3))
    );
    assert_eq!(
        parse_path("/w:document/w:body/w:sectPr"),
        Some(Addr::FinalSection)
    );
    assert_eq!(parse_path("/w:document/w:body/w:p[0]"), Some(Addr::Body));
    assert_eq!(
        parse_path("/w:document/w:body/w:tbl[x]/w:tr[1]"),
        Some(Addr::Body)
    );
    assert_eq!(parse_path("/w:comments"), None);
    assert_eq!(parse_path(""), None);
    for addr in [
        Addr::Body,
        Addr::FinalSection,
        Addr::Paragraph(4),
        Addr::Table(2),
        Addr::Row(1, 9),
        Addr::Cell(1, 2, 3),
    ] {
        assert_eq!(parse_path(&addr.path()), Some(addr));
    }
}
