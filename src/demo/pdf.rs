//! Small real PDF documents for the demo's attachments.

use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str, TextStr};

const PAGE_WIDTH: f32 = 595.0; // A4 in points
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 64.0;
const WRAP: usize = 88;

/// Latin-1 bytes for the standard Helvetica font, which has no glyphs beyond it.
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => b'\'',
            '\u{201c}' | '\u{201d}' => b'"',
            '\u{2013}' | '\u{2014}' => b'-',
            c if (c as u32) < 256 => c as u8,
            _ => b'?',
        })
        .collect()
}

fn wrap(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > WRAP {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// A document with `title` on the first page and one page per entry of `pages`.
pub fn document(title: &str, pages: &[String]) -> Vec<u8> {
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let regular = Ref::new(3);
    let bold = Ref::new(4);
    let info = Ref::new(5);
    let page_ids: Vec<Ref> = (0..pages.len() as i32)
        .map(|i| Ref::new(10 + 2 * i))
        .collect();

    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids(page_ids.iter().copied())
        .count(pages.len() as i32);
    pdf.type1_font(regular).base_font(Name(b"Helvetica"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold"));
    pdf.document_info(info).title(TextStr(title));

    for (i, (text, &page_id)) in pages.iter().zip(&page_ids).enumerate() {
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(tree)
            .contents(content_id);
        page.resources()
            .fonts()
            .pair(Name(b"F1"), regular)
            .pair(Name(b"F2"), bold);
        drop(page);

        let mut content = Content::new();
        content.begin_text();
        content.next_line(MARGIN, PAGE_HEIGHT - MARGIN);
        if i == 0 {
            content.set_font(Name(b"F2"), 15.0).set_leading(22.0);
            for line in wrap(title) {
                content.show(Str(&latin1(&line))).next_line_using_leading();
            }
            content.next_line_using_leading();
        }
        content.set_font(Name(b"F1"), 11.0).set_leading(16.0);
        for line in wrap(text) {
            content.show(Str(&latin1(&line))).next_line_using_leading();
        }
        content.end_text();
        pdf.stream(content_id, &content.finish());
    }
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_pdf_with_one_page_per_entry() {
        let bytes = document(
            "Statement, IMD 2016",
            &["First page text.".into(), "Second.".into()],
        );
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.ends_with(b"%%EOF") || bytes.ends_with(b"%%EOF\n"));
        let text = String::from_utf8_lossy(&bytes);
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(pages, 2, "{text}");
        assert!(text.contains("(First page text.)"));
    }

    #[test]
    fn long_paragraphs_wrap() {
        let lines = wrap(&"word ".repeat(60));
        assert!(lines.len() > 2 && lines.iter().all(|l| l.len() <= WRAP));
    }
}
