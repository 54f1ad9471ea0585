//! Criterion benches: one typical contribution, the bundled samples as a batch, and a
//! 200,000-paragraph document (about 57 MB of document.xml), all through the full pipeline.

use std::io::Write;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use fgcheck::check::{self, Settings};

fn settings() -> Settings {
    let data = fgcheck::profile::RuleData::builtin().expect("rule data");
    fgcheck::check::Settings {
        timeout: std::time::Duration::from_secs(60),
        ..fgcheck::check::Settings::for_meeting(&data, "fg-qit4n-5").expect("settings")
    }
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A large but ordinary document: the template's parts with 200,000 body paragraphs.
fn large_document() -> Vec<u8> {
    let template = std::fs::read(samples().join("pass-template.docx")).expect("sample");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(template)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let name = file.name().expect("name").to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).expect("read");
        if name == "word/document.xml" {
            let text = String::from_utf8(bytes).expect("utf8");
            let mut body = String::with_capacity(60 << 20);
            for n in 0..200_000 {
                body.push_str(&format!(
                    "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr><w:r><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\">Paragraph {n} of a long contribution on quantum key distribution networks and their key management. </w:t></w:r></w:p>"
                ));
            }
            bytes = text
                .replacen("<w:sectPr>", &format!("{body}<w:sectPr>"), 1)
                .into_bytes();
        }
        out.start_file(name.as_str(), options).expect("entry");
        out.write_all(&bytes).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

fn benches(c: &mut Criterion) {
    let settings = settings();
    let typical = std::fs::read(samples().join("pass-template.docx")).expect("sample");
    c.bench_function("typical contribution", |b| {
        b.iter(|| check::check_bytes(&typical, "pass-template.docx", &settings))
    });
    let inputs = fgcheck::run::collect_inputs(&[samples()]);
    let plan = fgcheck::run::Plan::new(settings.clone());
    c.bench_function("bundled samples batch", |b| {
        b.iter(|| plan.run(&inputs, None, &|| {}))
    });
    let large = large_document();
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("200k paragraphs", |b| {
        b.iter(|| check::check_bytes(&large, "large.docx", &settings))
    });
    group.finish();
}

criterion_group!(checks, benches);
criterion_main!(checks);
