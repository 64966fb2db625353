//! A report as tables of typed cells, the one shape the terminal text, the
//! CSV file and the XLSX workbook are all written from.

use chrono::NaiveDateTime;
use unicode_width::UnicodeWidthStr;

use crate::i18n::reports::DecimalMark;
use crate::i18n::{self, Lang};

/// One cell, typed so a spreadsheet keeps numbers, shares and dates as such.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u32),
    /// A fraction of one, shown as a percentage.
    Share(Option<f64>),
    Number(Option<f64>),
    Time(Option<NaiveDateTime>),
}

impl Cell {
    /// As the terminal and CSV show it, fractions written with `mark`.
    pub fn text(&self, mark: DecimalMark) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Share(Some(f)) => format!("{} %", mark.write(f * 100.0, 1)),
            Cell::Number(Some(v)) => mark.figure(*v, 2),
            Cell::Time(Some(t)) => i18n::date_time(*t),
            Cell::Share(None) | Cell::Number(None) | Cell::Time(None) => String::new(),
        }
    }
}

/// One grouping or one list: a sheet of the workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(name: &str, lang: Lang, columns: &[&str]) -> Table {
        Table {
            name: name.to_string(),
            headers: columns
                .iter()
                .map(|c| i18n::reports::column(lang, c).to_string())
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Aligned columns for a terminal: numbers right, text left, fractions
    /// written as `lang` writes them.
    pub fn to_text(&self, lang: Lang) -> Vec<String> {
        let mark = DecimalMark::of(lang);
        let cells: Vec<Vec<String>> = std::iter::once(self.headers.clone())
            .chain(
                self.rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.text(mark)).collect()),
            )
            .collect();
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|i| cells.iter().map(|r| r[i].width()).max().unwrap_or(0))
            .collect();
        let right = |i: usize| {
            self.rows
                .first()
                .is_some_and(|r| matches!(r[i], Cell::Count(_) | Cell::Share(_) | Cell::Number(_)))
        };
        cells
            .iter()
            .map(|row| {
                let parts: Vec<String> = row
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let pad = " ".repeat(widths[i].saturating_sub(c.width()));
                        if right(i) {
                            format!("{pad}{c}")
                        } else {
                            format!("{c}{pad}")
                        }
                    })
                    .collect();
                parts.join("  ").trim_end().to_string()
            })
            .collect()
    }

    /// CSV as spreadsheets in Kazakhstan open it: UTF-8 with a byte-order
    /// mark (so Cyrillic is read as UTF-8), `delimiter` between fields. A
    /// spreadsheet that splits at `;` reads the decimal comma (the Russian
    /// and Kazakh locales); one that splits at `,` the decimal point.
    pub fn to_csv(&self, delimiter: u8) -> Vec<u8> {
        let mark = if delimiter == b';' {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        };
        let mut out = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer("\u{feff}".as_bytes().to_vec());
        let write = |out: &mut csv::Writer<Vec<u8>>, row: Vec<String>| {
            out.write_record(row).expect("writing to memory succeeds");
        };
        write(&mut out, self.headers.clone());
        for r in &self.rows {
            write(&mut out, r.iter().map(|c| c.text(mark)).collect());
        }
        out.into_inner().expect("writing to memory succeeds")
    }
}

/// A workbook of `tables`, a sheet each: header row bold and frozen, counts
/// and times as numbers, shares as percentages, dates as dates.
pub fn to_xlsx(tables: &[Table]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let share = Format::new().set_num_format("0.0%");
    let number = Format::new().set_num_format("0.##");
    let date = Format::new().set_num_format("dd.mm.yyyy hh:mm");
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&table.name))?;
        for (c, h) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, h, &bold)?;
            let width = table
                .rows
                .iter()
                .map(|r| r[c].text(DecimalMark::Point).width())
                .max()
                .unwrap_or(0);
            sheet.set_column_width(c as u16, (width.max(h.width()) + 2).min(60) as f64)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s).map(|_| ())?,
                    Cell::Count(n) => sheet.write_number(r, c, f64::from(*n)).map(|_| ())?,
                    Cell::Share(Some(f)) => sheet
                        .write_number_with_format(r, c, *f, &share)
                        .map(|_| ())?,
                    Cell::Number(Some(v)) => sheet
                        .write_number_with_format(r, c, *v, &number)
                        .map(|_| ())?,
                    Cell::Time(Some(t)) => sheet
                        .write_datetime_with_format(r, c, *t, &date)
                        .map(|_| ())?,
                    Cell::Share(None) | Cell::Number(None) | Cell::Time(None) => {}
                }
            }
        }
    }
    book.save_to_buffer()
}

/// A sheet's name as spreadsheets allow it: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .take(31)
        .collect()
}
