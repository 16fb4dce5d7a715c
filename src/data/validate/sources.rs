//! `sources.toml`: one `[[source]]` table per publication.

use toml::de::DeTable;

use super::Builder;
use super::checks::{array_items, bilingual, check_id, date, deserialize, require_text};
use crate::data::diagnostic::{Diagnostic, SourceText};
use crate::data::model::Source;
use crate::data::schema::SourceSpec;
use crate::text::Text;

impl Builder {
    pub(super) fn parse_sources(
        &mut self,
        file: &SourceText,
        root: DeTable,
        problems: &mut Vec<Diagnostic>,
    ) {
        let mut any = false;
        for (key, value) in root {
            if key.get_ref().as_ref() != "source" {
                problems.push(file.span(
                    &key.span(),
                    format!("unknown key `{}`, expected `source`", key.get_ref()),
                ));
                continue;
            }
            for item in array_items(file, value, "source", problems) {
                any = true;
                if let Some(spec) = deserialize::<SourceSpec>(file, item, problems) {
                    self.add_source(file, spec, problems);
                }
            }
        }
        if !any {
            problems.push(file.at(0, "no [[source]] entries"));
        }
    }

    fn add_source(&mut self, file: &SourceText, spec: SourceSpec, problems: &mut Vec<Diagnostic>) {
        let id = spec.id.get_ref().clone();
        let here = file.span(&spec.id.span(), "");
        check_id(file, &spec.id, "source", &mut self.source_ids, problems);
        require_text(&here, "title", &spec.title, problems);
        require_text(&here, "publisher", &spec.publisher, problems);
        require_text(&here, "publisher_zh", &spec.publisher_zh, problems);
        let date = if let Some(d) = spec.date {
            date(file, d, problems).map(|(_, _, text)| text)
        } else {
            problems.push(here.with(format!(
                "source `{id}` needs a `date`: the page's date, as precise as it gives it"
            )));
            None
        };
        let url = match spec.url {
            Some(url)
                if url.get_ref().starts_with("https://")
                    || url.get_ref().starts_with("http://") =>
            {
                Some(url.into_inner())
            }
            Some(url) => {
                problems.push(file.span(
                    &url.span(),
                    format!("`url` must be the address of the page read (http:// or https://), not `{}`", url.get_ref()),
                ));
                None
            }
            None => {
                problems.push(here.with(format!(
                    "source `{id}` needs a `url`: the address of the page its figures were read from"
                )));
                None
            }
        };
        self.dataset.sources.push(Source {
            id,
            title: spec.title,
            publisher: Text::new(spec.publisher, spec.publisher_zh),
            date: date.unwrap_or_default(),
            url: url.unwrap_or_default(),
            cites: bilingual(&here, "cites", spec.cites, spec.cites_zh, problems),
            note: spec.note,
        });
    }
}
