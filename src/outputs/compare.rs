//! What changed between an approved build and the current one (`rapport diff`).
//!
//! Pages are matched by content, chapter by chapter: the words of each chapter, old and
//! new, are compared as one sequence, so a page whose words are all still there, only
//! further on, is matched to the old page that held most of them and reported as moved; a
//! page that holds added or removed words, or a changed number, is changed. A page without
//! words (a photo) is matched by its render. The numbers are compared by table, row and
//! column, as the model gave them.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::approval::{Baseline, NumberRecord, PageId, PageRecord};

/// What became of a page of the current build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The same page as approved, pixel for pixel.
    Unchanged,
    /// Its content is the approved page `from` (its folio), without an edit: it moved, or
    /// the text flowed on from an edit before it.
    Moved { from: u64 },
    /// It holds an edit: words added or removed, a number changed, or it looks different
    /// with the same words (`from`: the approved page it matches, if any).
    Changed { from: Option<u64> },
    /// A page the approved build had nothing like.
    Added,
}

/// A number that changed: in the table, row and column, from `old` to `new` (none: the
/// number was added or removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberChange {
    pub table: String,
    pub row: String,
    pub column: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A page of the current build compared.
#[derive(Debug, Clone)]
pub struct PageDiff {
    /// Which page of the current build it is.
    pub id: PageId,
    pub status: Status,
    pub numbers: Vec<NumberChange>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Each edit of its words, with a few words of context either side.
    pub hunks: Vec<Hunk>,
    /// Blocks of words that moved whole onto it from another place (a chart or paragraph
    /// pushed to the next page): not edits.
    pub moved_in: Vec<MovedBlock>,
    /// Its words are the approved page's, and it looks different.
    pub appearance: bool,
    /// The approved page it matches (its page of the PDF, from 1).
    pub matched: Option<usize>,
}

/// An edit of the text: the words `removed` and `added` (one of them may be empty), with up
/// to [`CONTEXT`] unchanged words before and after them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    pub before: Vec<String>,
    pub removed: Vec<String>,
    pub added: Vec<String>,
    pub after: Vec<String>,
}

/// A run of words that stands in the same order on another page than before: `from` the
/// folio of the approved page it stood on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MovedBlock {
    pub from: u64,
    pub words: Vec<String>,
}

/// The most unchanged words shown either side of an edit.
pub const CONTEXT: usize = 4;

/// The comparison of two builds.
#[derive(Debug, Clone, Default)]
pub struct Diff {
    pub pages: Vec<PageDiff>,
    /// Approved pages nothing in the current build matches and whose words are all gone:
    /// folio and chapter.
    pub removed_pages: Vec<(u64, Option<String>)>,
    /// Numbers whose page is gone.
    pub numbers_elsewhere: Vec<NumberChange>,
}

impl Diff {
    /// Whether nothing changed at all (a moved page is a change: it needs a look).
    pub fn is_empty(&self) -> bool {
        self.pages.iter().all(|p| p.status == Status::Unchanged)
            && self.removed_pages.is_empty()
            && self.numbers_elsewhere.is_empty()
    }
}

/// One step of a word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// A word and the page (index into the build's pages) it stands on.
type Token = (String, usize);

/// Compares the current build `new` with the approved `old`.
pub fn compare(old: &Baseline, new: &Baseline) -> Diff {
    let mut pages: Vec<PageDiff> = new
        .pages
        .iter()
        .map(|p| PageDiff {
            id: p.id.clone(),
            status: Status::Added,
            numbers: Vec::new(),
            added: Vec::new(),
            removed: Vec::new(),
            hunks: Vec::new(),
            moved_in: Vec::new(),
            appearance: false,
            matched: None,
        })
        .collect();
    // The old page each new page matches (indices), and whether a new page holds an edit.
    let mut matched: Vec<Option<usize>> = vec![None; new.pages.len()];
    let mut edited = vec![false; new.pages.len()];
    // The approved pages some of whose words are still there.
    let mut kept: HashSet<usize> = HashSet::new();
    let mut chapters: Vec<Option<&str>> = Vec::new();
    for chapter in new.pages.iter().chain(&old.pages).map(|p| p.id.chapter.as_deref()) {
        if !chapters.contains(&chapter) {
            chapters.push(chapter);
        }
    }
    // Each chapter's words, old and new, diffed; the ops of all chapters in one sequence
    // over the build's words.
    let (mut a, mut b): (Vec<Token>, Vec<Token>) = (Vec::new(), Vec::new());
    let mut all_ops: Vec<Op> = Vec::new();
    let mut spans: Vec<(Option<&str>, std::ops::Range<usize>)> = Vec::new();
    for &chapter in &chapters {
        let old_pages: Vec<usize> = indices(&old.pages, chapter);
        let new_pages: Vec<usize> = indices(&new.pages, chapter);
        let (a0, b0) = (a.len(), b.len());
        a.extend(tokens(&old.pages, &old_pages));
        b.extend(tokens(&new.pages, &new_pages));
        let ops = diff_words(
            &a[a0..].iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
            &b[b0..].iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
        );
        let start = all_ops.len();
        all_ops.extend(ops.into_iter().map(|op| match op {
            Op::Equal(i, j) => Op::Equal(a0 + i, b0 + j),
            Op::Delete(i) => Op::Delete(a0 + i),
            Op::Insert(j) => Op::Insert(b0 + j),
        }));
        spans.push((chapter, start..all_ops.len()));
    }
    for (chapter, span) in spans {
        // Blocks that moved within the chapter (across its pages); not from one chapter to
        // another, where a few common words would be taken for a move.
        let (moved_old, moved_new) = moved_runs(&all_ops[span.clone()], &a, &b);
        let old_pages: Vec<usize> = indices(&old.pages, chapter);
        let new_pages: Vec<usize> = indices(&new.pages, chapter);
        // Words that only moved (a table or figure floated to another page) are kept, and
        // said as a block moved onto their new page.
        let ops: Vec<Op> = all_ops[span]
            .iter()
            .filter_map(|&op| match op {
                Op::Insert(j) => Some(moved_new.get(&j).map_or(op, |&i| Op::Equal(i, j))),
                Op::Delete(i) if moved_old.contains(&i) => None,
                op => Some(op),
            })
            .collect();
        let mut last_move: Option<(usize, usize, usize)> = None;
        for op in &ops {
            let &Op::Equal(i, j) = op else { continue };
            if !moved_new.contains_key(&j) {
                last_move = None;
                continue;
            }
            let (from, to) = (a[i].1, b[j].1);
            // A block reordered on its own page is no move to tell.
            if old.pages[from].id.folio == new.pages[to].id.folio {
                last_move = None;
                continue;
            }
            match pages[to].moved_in.last_mut() {
                // One block while its words follow each other on the new page, whichever of
                // the old words each came from (an edge word may come from after the block).
                Some(block) if last_move == Some((j.wrapping_sub(1), from, to)) => block.words.push(b[j].0.clone()),
                _ => {
                    pages[to].moved_in.push(MovedBlock { from: old.pages[from].id.folio, words: vec![b[j].0.clone()] })
                }
            }
            last_move = Some((j, from, to));
        }
        // Votes: for each new page, how many of its words stood on each old page.
        let mut votes: HashMap<usize, BTreeMap<usize, usize>> = HashMap::new();
        // The new page the diff stands on (for a removal: where the words were taken out).
        let mut at = new_pages.first().copied();
        let mut k = 0;
        while k < ops.len() {
            if let Op::Equal(i, j) = ops[k] {
                *votes.entry(b[j].1).or_default().entry(a[i].1).or_default() += 1;
                kept.insert(a[i].1);
                at = Some(b[j].1);
                k += 1;
                continue;
            }
            // A run of edits, told with the unchanged words either side.
            let end = (k..ops.len()).find(|&e| matches!(ops[e], Op::Equal(..))).unwrap_or(ops.len());
            let mut hunk = Hunk {
                before: context(ops[..k].iter().rev(), &b).into_iter().rev().collect(),
                removed: Vec::new(),
                added: Vec::new(),
                after: context(ops[end..].iter(), &b),
            };
            let mut page = None;
            for op in &ops[k..end] {
                match *op {
                    Op::Insert(j) => {
                        pages[b[j].1].added.push(b[j].0.clone());
                        edited[b[j].1] = true;
                        hunk.added.push(b[j].0.clone());
                        at = Some(b[j].1);
                        page = page.or(at);
                    }
                    Op::Delete(i) => {
                        hunk.removed.push(a[i].0.clone());
                        if let Some(at) = at {
                            pages[at].removed.push(a[i].0.clone());
                            edited[at] = true;
                        }
                    }
                    Op::Equal(..) => {}
                }
            }
            if let Some(page) = page.or(at) {
                pages[page].hunks.push(hunk);
            }
            k = end;
        }
        for (page, votes) in votes {
            // The old page that held most of its words (the first of a tie).
            let best = votes.iter().max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0))).map(|(p, _)| *p);
            matched[page] = best;
        }
        // Pages without words: by their render, else by their place after a matched page.
        let taken: HashSet<usize> = new_pages.iter().filter_map(|&p| matched[p]).collect();
        let mut free: Vec<usize> =
            old_pages.iter().copied().filter(|p| !taken.contains(p) && old.pages[*p].text.is_empty()).collect();
        for (k, &page) in new_pages.iter().enumerate() {
            if matched[page].is_some() || !new.pages[page].text.is_empty() {
                continue;
            }
            let by_render = free.iter().position(|&p| old.pages[p].render == new.pages[page].render);
            let by_place = || {
                let before = new_pages[..k].iter().rev().find_map(|&p| matched[p].map(|m| (p, m)));
                let guess = match before {
                    Some((p, m)) => m + (page - p),
                    None => old_pages.first().map_or(usize::MAX, |first| first + k),
                };
                free.iter().position(|&p| p == guess)
            };
            if let Some(found) = by_render.or_else(by_place) {
                matched[page] = Some(free.remove(found));
            }
        }
    }
    // Numbers, by table, row and column.
    let old_numbers = numbers(&old.pages);
    let new_numbers = numbers(&new.pages);
    let mut numbers_elsewhere = Vec::new();
    for (key, (page, number)) in &new_numbers {
        let old_value = old_numbers.get(key).map(|(_, n)| n.value.clone());
        if old_value.as_deref() != Some(number.value.as_str()) {
            pages[*page].numbers.push(change(number, old_value, Some(number.value.clone())));
            edited[*page] = true;
        }
    }
    for (key, (old_page, number)) in &old_numbers {
        if new_numbers.contains_key(key) {
            continue;
        }
        let removed = change(number, Some(number.value.clone()), None);
        match matched.iter().position(|m| *m == Some(*old_page)) {
            Some(page) => {
                pages[page].numbers.push(removed);
                edited[page] = true;
            }
            None => numbers_elsewhere.push(removed),
        }
    }
    for (i, diff) in pages.iter_mut().enumerate() {
        let new_page = &new.pages[i];
        diff.matched = matched[i].map(|m| old.pages[m].id.page);
        diff.status = match matched[i].map(|m| &old.pages[m]) {
            _ if edited[i] => Status::Changed { from: matched[i].map(|m| old.pages[m].id.folio) },
            None => Status::Added,
            Some(old_page) if old_page.render == new_page.render && old_page.id.page == new_page.id.page => {
                Status::Unchanged
            }
            Some(old_page) if old_page.id.page == new_page.id.page && old_page.text == new_page.text => {
                diff.appearance = true;
                Status::Changed { from: Some(old_page.id.folio) }
            }
            Some(old_page) => Status::Moved { from: old_page.id.folio },
        };
    }
    let taken: HashSet<usize> = matched.iter().flatten().copied().collect();
    // An approved page is gone when nothing matches it and none of its words are left.
    let removed_pages = (0..old.pages.len())
        .filter(|p| !taken.contains(p) && !kept.contains(p))
        .map(|p| (old.pages[p].id.folio, old.pages[p].id.chapter.clone()))
        .collect();
    Diff { pages, removed_pages, numbers_elsewhere }
}

/// Up to [`CONTEXT`] words of the new build from the unchanged ones of `ops`, in their order,
/// stopping at the next edit.
fn context<'o>(ops: impl Iterator<Item = &'o Op>, b: &[Token]) -> Vec<String> {
    ops.map_while(|op| if let Op::Equal(_, j) = op { Some(b[*j].0.clone()) } else { None }).take(CONTEXT).collect()
}

fn change(number: &NumberRecord, old: Option<String>, new: Option<String>) -> NumberChange {
    NumberChange { table: number.table.clone(), row: number.row.clone(), column: number.column.clone(), old, new }
}

/// The indices of the pages of `chapter`.
fn indices(pages: &[PageRecord], chapter: Option<&str>) -> Vec<usize> {
    (0..pages.len()).filter(|&i| pages[i].id.chapter.as_deref() == chapter).collect()
}

/// The words of `pages` in order, each with its page; a word broken over a page by an
/// inserted hyphen is one word, on the page it starts on.
fn tokens(all: &[PageRecord], pages: &[usize]) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut broken: Option<(String, usize)> = None;
    for &page in pages {
        // Split at spaces only: a no-break space stays in its word (`31 %`).
        for word in all[page].text.split(' ').filter(|w| !w.is_empty()) {
            let (word, page) = match broken.take() {
                Some((start, at)) => (format!("{start}{word}"), at),
                None => (word.to_string(), page),
            };
            match word.strip_suffix('\u{ad}') {
                Some(start) => broken = Some((start.to_string(), page)),
                None => out.push((word, page)),
            }
        }
    }
    out.extend(broken);
    out
}

/// The numbers of a build by (table, row, column), each with its page (index).
fn numbers(pages: &[PageRecord]) -> BTreeMap<(String, String, String), (usize, &NumberRecord)> {
    let mut out = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        for number in &page.numbers {
            let (t, r, c) = number.key();
            out.entry((t.to_string(), r.to_string(), c.to_string())).or_insert((i, number));
        }
    }
    out
}

/// The fewest words a run must have to count as moved: two (`for å`) were found moved out of
/// an added paragraph in the default edition, to a page they were never added to.
const MIN_MOVED: usize = 3;

/// The most word comparisons spent looking for moved runs.
const MOVE_BUDGET: usize = 20_000_000;

/// Runs of words the diff inserted that it also deleted elsewhere, word for word: a block
/// that moved (a table, a figure, a box that floats to another page when the text before it
/// grows). Greedily, each inserted run is cut into the longest pieces of at least
/// [`MIN_MOVED`] words found among the deleted words not yet used. Returns the deleted words
/// that moved (indices in `a`) and, for each inserted word that moved (index in `b`), where
/// it came from.
fn moved_runs(ops: &[Op], a: &[Token], b: &[Token]) -> (HashSet<usize>, HashMap<usize, usize>) {
    let deleted: Vec<usize> =
        ops.iter().filter_map(|op| if let Op::Delete(i) = op { Some(*i) } else { None }).collect();
    let mut used = vec![false; deleted.len()];
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for op in ops {
        match op {
            Op::Insert(j) => run.push(*j),
            _ if !run.is_empty() => runs.push(std::mem::take(&mut run)),
            _ => {}
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    let (mut moved_old, mut moved_new) = (HashSet::new(), HashMap::new());
    let mut budget = MOVE_BUDGET;
    // Each piece matched: its first and last word in `a`, and in `b`.
    let mut pieces: Vec<(usize, usize, usize, usize)> = Vec::new();
    for run in runs {
        let mut p = 0;
        while p + MIN_MOVED <= run.len() {
            // The longest piece of the run from p found among the unused deleted words.
            let mut best: Option<(usize, usize)> = None;
            for k in 0..deleted.len() {
                let mut len = 0;
                while p + len < run.len()
                    && k + len < deleted.len()
                    && !used[k + len]
                    && a[deleted[k + len]].0 == b[run[p + len]].0
                {
                    len += 1;
                }
                budget = budget.saturating_sub(len + 1);
                if len >= MIN_MOVED && best.is_none_or(|(_, l)| len > l) {
                    best = Some((k, len));
                }
            }
            if budget == 0 {
                return (moved_old, moved_new);
            }
            match best {
                Some((k, len)) => {
                    for t in 0..len {
                        used[k + t] = true;
                        moved_old.insert(deleted[k + t]);
                        moved_new.insert(run[p + t], deleted[k + t]);
                    }
                    pieces.push((deleted[k], deleted[k + len - 1], run[p], run[p + len - 1]));
                    p += len;
                }
                None => p += 1,
            }
        }
    }
    // A piece's edges: an inserted word next to it in `b` that is the same word as a deleted
    // one next to it in `a` moved with it (the diff matched a repeated word, `For`, across
    // the move and cut it off: a word only segmented otherwise, not an edit).
    let inserted: HashSet<usize> =
        ops.iter().filter_map(|op| if let Op::Insert(j) = op { Some(*j) } else { None }).collect();
    let position: HashMap<usize, usize> = deleted.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    for piece in &mut pieces {
        loop {
            let mut grown = false;
            for (before, j) in [(true, piece.2.checked_sub(1)), (false, Some(piece.3 + 1))] {
                let Some(j) = j.filter(|j| inserted.contains(j) && !moved_new.contains_key(j)) else { continue };
                let found = [piece.0.checked_sub(1), Some(piece.1 + 1)]
                    .into_iter()
                    .flatten()
                    .find(|i| position.get(i).is_some_and(|&k| !used[k]) && a[*i].0 == b[j].0);
                if let Some(i) = found {
                    used[position[&i]] = true;
                    moved_old.insert(i);
                    moved_new.insert(j, i);
                    if before {
                        piece.2 = j
                    } else {
                        piece.3 = j
                    }
                    if i < piece.0 {
                        piece.0 = i
                    } else {
                        piece.1 = i
                    }
                    grown = true;
                }
            }
            if !grown {
                break;
            }
        }
    }
    (moved_old, moved_new)
}

/// The word diff of two pages' words: the indices of the words of `a` it deletes and of
/// `b` it inserts.
pub fn changed_words(a: &[&str], b: &[&str]) -> (Vec<usize>, Vec<usize>) {
    let (mut deleted, mut inserted) = (Vec::new(), Vec::new());
    for op in diff_words(a, b) {
        match op {
            Op::Delete(i) => deleted.push(i),
            Op::Insert(j) => inserted.push(j),
            Op::Equal(..) => {}
        }
    }
    (deleted, inserted)
}

/// The most cells a middle part of two sequences is compared in by dynamic programming.
const MAX_CELLS: usize = 4_000_000;

/// A diff of two word sequences: their common start and end, and between them the longest
/// common subsequence, found directly for a small middle and through the words that occur
/// once in each (patience diff) for a large one.
fn diff_words(a: &[&str], b: &[&str]) -> Vec<Op> {
    let mut ops = Vec::new();
    diff_range(a, b, 0, 0, &mut ops, 0);
    ops
}

fn diff_range(a: &[&str], b: &[&str], ai: usize, bi: usize, ops: &mut Vec<Op>, depth: usize) {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    for k in 0..prefix {
        ops.push(Op::Equal(ai + k, bi + k));
    }
    let (a2, b2) = (&a[prefix..], &b[prefix..]);
    let suffix = a2.iter().rev().zip(b2.iter().rev()).take_while(|(x, y)| x == y).count();
    let (am, bm) = (&a2[..a2.len() - suffix], &b2[..b2.len() - suffix]);
    let (ma, mb) = (ai + prefix, bi + prefix);
    if am.is_empty() || bm.is_empty() {
        ops.extend((0..am.len()).map(|k| Op::Delete(ma + k)));
        ops.extend((0..bm.len()).map(|k| Op::Insert(mb + k)));
    } else if am.len().saturating_mul(bm.len()) <= MAX_CELLS {
        lcs(am, bm, ma, mb, ops);
    } else {
        let anchors = if depth < 64 { unique_anchors(am, bm) } else { Vec::new() };
        if anchors.is_empty() {
            ops.extend((0..am.len()).map(|k| Op::Delete(ma + k)));
            ops.extend((0..bm.len()).map(|k| Op::Insert(mb + k)));
        } else {
            let (mut pa, mut pb) = (0, 0);
            for (x, y) in anchors {
                diff_range(&am[pa..x], &bm[pb..y], ma + pa, mb + pb, ops, depth + 1);
                ops.push(Op::Equal(ma + x, mb + y));
                (pa, pb) = (x + 1, y + 1);
            }
            diff_range(&am[pa..], &bm[pb..], ma + pa, mb + pb, ops, depth + 1);
        }
    }
    let (sa, sb) = (ai + prefix + am.len(), bi + prefix + bm.len());
    for k in 0..suffix {
        ops.push(Op::Equal(sa + k, sb + k));
    }
}

/// The longest common subsequence of `a` and `b` by dynamic programming.
fn lcs(a: &[&str], b: &[&str], ai: usize, bi: usize, ops: &mut Vec<Op>) {
    let (n, m) = (a.len(), b.len());
    // table[i][j]: the LCS of a[i..] and b[j..].
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] =
                if a[i] == b[j] { table[at(i + 1, j + 1)] + 1 } else { table[at(i + 1, j)].max(table[at(i, j + 1)]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            ops.push(Op::Equal(ai + i, bi + j));
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            ops.push(Op::Delete(ai + i));
            i += 1;
        } else {
            ops.push(Op::Insert(bi + j));
            j += 1;
        }
    }
    ops.extend((i..n).map(|k| Op::Delete(ai + k)));
    ops.extend((j..m).map(|k| Op::Insert(bi + k)));
}

/// The words that occur once in `a` and once in `b`, as (index in a, index in b), the
/// longest run of them in the same order in both.
fn unique_anchors(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let mut count: HashMap<&str, (usize, usize, usize, usize)> = HashMap::new();
    for (i, w) in a.iter().enumerate() {
        let e = count.entry(w).or_insert((0, 0, 0, 0));
        e.0 += 1;
        e.2 = i;
    }
    for (j, w) in b.iter().enumerate() {
        let e = count.entry(w).or_insert((0, 0, 0, 0));
        e.1 += 1;
        e.3 = j;
    }
    let mut pairs: Vec<(usize, usize)> =
        count.values().filter(|(ca, cb, _, _)| *ca == 1 && *cb == 1).map(|(_, _, i, j)| (*i, *j)).collect();
    pairs.sort_unstable();
    // The longest increasing run of b's indices (patience sorting).
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for k in 0..pairs.len() {
        let pos = tails.partition_point(|&t| pairs[t].1 < pairs[k].1);
        if pos > 0 {
            prev[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::new();
    let mut k = tails.last().copied();
    while let Some(i) = k {
        out.push(pairs[i]);
        k = prev[i];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(a: &str, b: &str) -> Vec<Op> {
        let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
        diff_words(&a, &b)
    }

    // A block of words that moved is found as moved, a new one is not.
    #[test]
    fn a_moved_block_is_not_an_edit() {
        let moved = |a: &str, b: &str| {
            let tok = |s: &str| s.split(' ').map(|w| (w.to_string(), 0)).collect::<Vec<Token>>();
            let (a, b) = (tok(a), tok(b));
            let ops = diff_words(
                &a.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
                &b.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
            );
            let (old, new) = moved_runs(&ops, &a, &b);
            (old.len(), new.len())
        };
        assert_eq!(moved("one two three four five six seven", "four five six one two three seven"), (3, 3));
        assert_eq!(moved("one two three seven", "one two three new words here seven"), (0, 0));
        assert_eq!(moved("a b c d e f g h", "a b new x y c d e f g h"), (0, 0));
    }

    #[test]
    fn a_word_diff_finds_the_edit() {
        let found = ops("a b c d", "a x c d");
        assert_eq!(found, vec![Op::Equal(0, 0), Op::Delete(1), Op::Insert(1), Op::Equal(2, 2), Op::Equal(3, 3)]);
        // An insertion in a long sequence, through the anchors.
        let a: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
        let mut b = a.clone();
        b.insert(10, "new".into());
        b.insert(2500, "other".into());
        let (a, b): (Vec<&str>, Vec<&str>) =
            (a.iter().map(String::as_str).collect(), b.iter().map(String::as_str).collect());
        let found = diff_words(&a, &b);
        let inserts: Vec<&Op> = found.iter().filter(|o| !matches!(o, Op::Equal(..))).collect();
        assert_eq!(inserts, vec![&Op::Insert(10), &Op::Insert(2500)]);
    }
}
