//! A list of rows with as-you-type filter, column sort and a selection that
//! follows its row (by key) across refreshes.

use std::cmp::Ordering;

/// A row type a table can hold.
pub trait Row {
    /// Column titles, in display order; sorting uses the same indices.
    const COLUMNS: &'static [&'static str];
    /// Stable identity across refreshes (an ARN or a name).
    fn key(&self) -> &str;
    /// Does the row match a lower-cased filter?
    fn matches(&self, filter: &str) -> bool;
    /// Order by a column.
    fn compare(&self, other: &Self, column: usize) -> Ordering;
}

/// What keys do to any list, whatever its row type.
pub trait List {
    fn move_by(&mut self, delta: isize);
    fn selected_index(&self) -> usize;
    /// Rows shown (after the filter).
    fn shown(&self) -> usize;
    fn sort_next(&mut self);
    fn sort_reverse(&mut self);
    fn set_filter(&mut self, filter: String);
}

impl<T: Row> List for Table<T> {
    fn move_by(&mut self, delta: isize) {
        Table::move_by(self, delta)
    }
    fn selected_index(&self) -> usize {
        Table::selected_index(self)
    }
    fn shown(&self) -> usize {
        Table::len(self)
    }
    fn sort_next(&mut self) {
        Table::sort_next(self)
    }
    fn sort_reverse(&mut self) {
        Table::sort_reverse(self)
    }
    fn set_filter(&mut self, filter: String) {
        Table::set_filter(self, filter)
    }
}

#[derive(Debug, Clone)]
pub struct Table<T> {
    rows: Vec<T>,
    /// Indices into `rows` after filter and sort.
    visible: Vec<usize>,
    /// Position in `visible`.
    selected: usize,
    selected_key: Option<String>,
    pub filter: String,
    pub sort_column: usize,
    pub descending: bool,
}

impl<T: Row> Default for Table<T> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            visible: Vec::new(),
            selected: 0,
            selected_key: None,
            filter: String::new(),
            sort_column: 0,
            descending: false,
        }
    }
}

impl<T: Row> Table<T> {
    pub fn rows(&self) -> &[T] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    pub fn selected_index(&self) -> usize {
        self.selected
    }

    pub fn selected(&self) -> Option<&T> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
    }

    /// The visible row at a position (after filter and sort).
    pub fn visible_row(&self, position: usize) -> Option<&T> {
        self.visible.get(position).map(|&i| &self.rows[i])
    }

    /// Replace all rows; the selection stays on the same key if it still exists.
    pub fn set_rows(&mut self, rows: Vec<T>) {
        self.rows = rows;
        self.recompute();
    }

    /// Insert or replace rows by key (a batch of a paged load).
    pub fn upsert(&mut self, batch: Vec<T>) {
        let mut index: std::collections::HashMap<String, usize> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.key().to_string(), i))
            .collect();
        for row in batch {
            match index.get(row.key()) {
                Some(&i) => self.rows[i] = row,
                None => {
                    index.insert(row.key().to_string(), self.rows.len());
                    self.rows.push(row);
                }
            }
        }
        self.recompute();
    }

    /// Drop rows whose key is not in `keep` (they disappeared from AWS).
    pub fn retain_keys(&mut self, keep: &std::collections::HashSet<String>) {
        self.rows.retain(|r| keep.contains(r.key()));
        self.recompute();
    }

    pub fn set_filter(&mut self, filter: String) {
        self.filter = filter;
        self.recompute();
    }

    pub fn sort_next(&mut self) {
        self.sort_column = (self.sort_column + 1) % T::COLUMNS.len().max(1);
        self.recompute();
    }

    pub fn sort_reverse(&mut self) {
        self.descending = !self.descending;
        self.recompute();
    }

    /// Move the selection by `delta` rows, clamped to the list.
    pub fn move_by(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() - 1;
        let target = (self.selected as isize + delta).clamp(0, last as isize) as usize;
        self.select(target);
    }

    pub fn select(&mut self, position: usize) {
        self.selected = position.min(self.visible.len().saturating_sub(1));
        self.selected_key = self.selected().map(|r| r.key().to_string());
    }

    pub fn select_last(&mut self) {
        self.select(self.visible.len().saturating_sub(1));
    }

    /// Select the row with this key, if present.
    pub fn select_key(&mut self, key: &str) {
        if let Some(pos) = self.visible.iter().position(|&i| self.rows[i].key() == key) {
            self.select(pos);
        } else {
            self.selected_key = Some(key.to_string());
        }
    }

    fn recompute(&mut self) {
        let needle = self.filter.to_lowercase();
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| needle.is_empty() || self.rows[i].matches(&needle))
            .collect();
        if visible.is_empty() && !needle.is_empty() {
            // Nothing contains the text: try it as a fuzzy pattern on the rows' names
            // ("omweb" finds omni-web), as fzf and k9s users expect.
            let fuzzy = Fuzzy::new(&needle);
            visible = (0..self.rows.len())
                .filter(|&i| fuzzy.matches(crate::model::arn_tail(self.rows[i].key())))
                .collect();
        }
        let (rows, column) = (&self.rows, self.sort_column);
        visible.sort_by(|&a, &b| {
            let o = rows[a]
                .compare(&rows[b], column)
                .then_with(|| rows[a].key().cmp(rows[b].key()));
            if self.descending {
                o.reverse()
            } else {
                o
            }
        });
        self.visible = visible;
        let by_key = self
            .selected_key
            .as_deref()
            .and_then(|key| self.visible.iter().position(|&i| self.rows[i].key() == key));
        match by_key {
            Some(pos) => self.selected = pos,
            None => {
                self.selected = self.selected.min(self.visible.len().saturating_sub(1));
                if self.selected_key.is_none() {
                    self.selected_key = self.selected().map(|r| r.key().to_string());
                }
            }
        }
    }
}

/// A fuzzy (subsequence, smart-case) pattern, built once per filter change.
struct Fuzzy {
    pattern: nucleo_matcher::pattern::Pattern,
    matcher: std::cell::RefCell<nucleo_matcher::Matcher>,
}

impl Fuzzy {
    fn new(needle: &str) -> Self {
        use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
        Fuzzy {
            pattern: Pattern::new(
                needle,
                CaseMatching::Ignore,
                Normalization::Smart,
                AtomKind::Fuzzy,
            ),
            matcher: std::cell::RefCell::new(nucleo_matcher::Matcher::new(
                nucleo_matcher::Config::DEFAULT,
            )),
        }
    }

    fn matches(&self, name: &str) -> bool {
        let mut buf = Vec::new();
        let haystack = nucleo_matcher::Utf32Str::new(name, &mut buf);
        self.pattern
            .score(haystack, &mut self.matcher.borrow_mut())
            .is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Item(&'static str, i32);

    impl Row for Item {
        const COLUMNS: &'static [&'static str] = &["NAME", "COUNT"];
        fn key(&self) -> &str {
            self.0
        }
        fn matches(&self, filter: &str) -> bool {
            self.0.contains(filter)
        }
        fn compare(&self, other: &Self, column: usize) -> Ordering {
            match column {
                0 => self.0.cmp(other.0),
                _ => self.1.cmp(&other.1),
            }
        }
    }

    fn names(t: &Table<Item>) -> Vec<&str> {
        (0..t.len())
            .filter_map(|i| t.visible_row(i))
            .map(|r| r.0)
            .collect()
    }

    #[test]
    fn selection_follows_its_row_across_refresh_and_sort() {
        let mut t = Table::default();
        t.set_rows(vec![Item("web", 3), Item("api", 1), Item("worker", 2)]);
        assert_eq!(names(&t), ["api", "web", "worker"]);
        t.move_by(1);
        assert_eq!(t.selected().map(|r| r.0), Some("web"));
        // A refresh brings a new row that sorts before the selection.
        t.set_rows(vec![
            Item("web", 3),
            Item("aaa", 0),
            Item("api", 1),
            Item("worker", 2),
        ]);
        assert_eq!(t.selected().map(|r| r.0), Some("web"));
        t.sort_next();
        assert_eq!(names(&t), ["aaa", "api", "worker", "web"]);
        assert_eq!(t.selected().map(|r| r.0), Some("web"));
        t.sort_reverse();
        assert_eq!(names(&t)[0], "web");
    }

    #[test]
    fn filter_narrows_and_clamps_selection() {
        let mut t = Table::default();
        t.set_rows(vec![
            Item("omni-web", 1),
            Item("omni-ai", 1),
            Item("farsight", 1),
        ]);
        t.select_last();
        t.set_filter("OMNI".into());
        assert_eq!(names(&t), ["omni-ai", "omni-web"]);
        t.set_filter("nothing".into());
        assert!(t.is_empty());
        assert!(t.selected().is_none());
    }

    #[test]
    fn upsert_replaces_by_key_and_retain_drops_vanished_rows() {
        let mut t = Table::default();
        t.upsert(vec![Item("a", 1), Item("b", 1)]);
        t.upsert(vec![Item("b", 5), Item("c", 1)]);
        assert_eq!(t.rows().len(), 3);
        assert_eq!(t.rows().iter().find(|r| r.0 == "b").map(|r| r.1), Some(5));
        t.retain_keys(&["a".to_string(), "c".to_string()].into_iter().collect());
        assert_eq!(names(&t), ["a", "c"]);
    }
}
