use crate::diag::{Finding, Location, Severity};
use crate::rules::{Area, Context, Rule, RuleId};

pub static RULE: Rule = Rule {
    id: RuleId::ExternalTemplate,
    code: "FG205",
    slug: "external-template",
    severity: Severity::Warning,
    area: Area::Hygiene,
    summary: "the attached template is on a network location",
    why: "Word tries to reach the attached template every time the file is opened: a server path (`\\\\server\\share`, `file://server/...`) or a web address makes opening slow for every participant, can leak the reader's credentials to that server (NTLM) and reveals the author's internal network. A template on the author's own disk (`C:\\...`, `file:///C:/...`) is not reached over the network and is not reported.",
    fix: "In Word: Developer > Document Template (or File > Options > Add-ins > Templates), attach Normal or the ITU template from a local folder, save.",
    source: super::SOURCE,
    bad: "w:attachedTemplate pointing to `\\\\fileserver\\templates\\FG.dotx` or `https://intranet.example.com/FG.dotx`.",
    good: "w:attachedTemplate pointing to `file:///C:\\Users\\alice\\AppData\\Roaming\\Microsoft\\Templates\\FG.dotx`, or no attached template.",
    check: Some(check),
};

/// What kind of network location a link target is, or `None` for a local or relative path.
pub(crate) fn network_location(target: &str) -> Option<&'static str> {
    let target = target.trim();
    let lower = target.to_ascii_lowercase();
    // Win32 device paths: \\?\C:\x is local, \\?\UNC\server\share is not.
    let lower_slashes = lower.replace('/', "\\");
    if let Some(rest) = lower_slashes
        .strip_prefix("\\\\?\\")
        .or_else(|| lower_slashes.strip_prefix("\\\\.\\"))
    {
        return rest
            .starts_with("unc\\")
            .then_some("a network share (UNC path)");
    }
    if lower.starts_with("\\\\") || lower.starts_with("//") {
        return Some("a network share (UNC path)");
    }
    if let Some(rest) = lower.strip_prefix("file:") {
        return file_url_is_remote(rest).then_some("a network share (file URL)");
    }
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some("a web address");
    }
    if lower.starts_with("ftp://") || lower.starts_with("ftps://") {
        return Some("an FTP address");
    }
    if lower.starts_with("webdav://") || lower.starts_with("smb://") {
        return Some("a network share");
    }
    None
}

/// A `file:` URL (what follows `file:`) names another machine: `//server/share`,
/// `///\\server\share` (Word for Windows), `////server/share` (RFC 8089). Local forms:
/// `///C:/x`, `/C:/x`, `//localhost/x`, and Mac Word's `////Users/x` (four slashes, then
/// a local root folder).
fn file_url_is_remote(rest: &str) -> bool {
    let after = rest.trim_start_matches(['/', '\\']);
    let separators = &rest[..rest.len() - after.len()];
    let first: String = after
        .chars()
        .take_while(|c| !matches!(c, '/' | '\\'))
        .collect();
    let drive = first.len() == 2 && first.ends_with([':', '|']);
    if drive || after.is_empty() {
        return false;
    }
    if separators.contains('\\') && separators.len() >= 2 {
        // `file:///\\server\share` or `file:\\server\share`: a UNC path in a URL.
        return separators.ends_with("\\\\");
    }
    match separators.len() {
        2 => !matches!(first.as_str(), "localhost" | "127.0.0.1" | "::1"),
        n if n >= 4 => !matches!(
            first.as_str(),
            "users"
                | "volumes"
                | "applications"
                | "library"
                | "system"
                | "private"
                | "tmp"
                | "var"
                | "home"
                | "opt"
                | "mnt"
                | "media"
        ),
        _ => false,
    }
}

fn check(context: &Context<'_>, out: &mut Vec<Finding>) {
    let doc = context.doc;
    let rels = doc.settings_rels.iter().filter(|rel| {
        rel.is_type("attachedTemplate")
            || doc
                .settings
                .attached_template_rel
                .as_deref()
                .is_some_and(|id| id == rel.id)
    });
    for rel in rels {
        if !rel.external {
            continue;
        }
        let Some(kind) = network_location(&rel.target) else {
            continue;
        };
        let settings_part = super::settings_part(doc);
        out.push(
            context
                .finding(
                    &RULE,
                    format!(
                        "the attached template is on {kind}: Word reaches for it on every opening"
                    ),
                    Location::new(
                        settings_part,
                        "/w:settings/w:attachedTemplate",
                        "attached template",
                    ),
                )
                .expected("no attached template, or one on the local disk")
                .found(format!("\"{}\"", crate::text::clip(&rel.target, 200))),
        );
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::network_location;

    #[test]
    fn network_locations_are_told_from_local_paths() {
        for remote in [
            r"\\fileserver\templates\FG.dotx",
            "//fileserver/templates/FG.dotx",
            "file://fileserver/templates/FG.dotx",
            r"file:\\fileserver\templates\FG.dotx",
            "file:////fileserver/templates/FG.dotx",
            r"file:///\\fileserver\templates\FG.dotx",
            "http://intranet.example.com/FG.dotx",
            "HTTPS://intranet.example.com/FG.dotx",
            "ftp://ftp.example.com/FG.dotx",
            r"\\?\UNC\fileserver\templates\FG.dotx",
        ] {
            assert!(network_location(remote).is_some(), "{remote}");
        }
        for local in [
            r"file:///C:\Users\alice\AppData\Roaming\Microsoft\Templates\FG.dotx",
            "file:///C:/Users/alice/Templates/FG.dotx",
            "file://localhost/C:/Templates/FG.dotx",
            "file://C:/Templates/FG.dotx",
            "file:/C:/Templates/FG.dotx",
            r"C:\Users\alice\Templates\FG.dotx",
            "Normal.dotm",
            "../templates/FG.dotx",
            r"\\?\C:\Templates\FG.dotx",
            "file:////Users/alice/Library/Group%20Containers/UBF8T346G9.Office/FG.dotx",
            r"file:////D:\MSOffice\Templates\style7a.dot",
            "",
        ] {
            assert_eq!(network_location(local), None, "{local}");
        }
    }
}
