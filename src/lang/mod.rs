//! The language rapport speaks to the person at the terminal: English, or Norwegian bokmål for
//! the staff who fix the data (`--lang nb`, or a Norwegian `LANG`). The report's own content
//! is Norwegian whatever this says; only `--help`, progress lines and messages change.
//!
//! Messages are written once, in English, where they are found; [`messages`] renders the
//! ones staff meet (data, editions, the commands' progress) in bokmål by pattern, and leaves
//! the rest (the print file's and the layouts' checks, read by designers) in English.

mod messages;
mod staff;

pub use messages::translate;

/// The layout lint's kinds of finding (a diagnostic's code: `hole`, `runt`) in plain words
/// for the person at the terminal, in `lang`; the code itself stays in the short format, for
/// scripts. A code the table lacks is shown as it is.
pub fn lint_kind(code: &str, lang: Lang) -> &str {
    match staff::LINT_KINDS.iter().find(|(c, _, _)| *c == code) {
        Some((_, en, nb)) => match lang {
            Lang::En => en,
            Lang::Nb => nb,
        },
        None => code,
    }
}

/// A language of messages and help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Norwegian bokmål (`nn` and `no` are read as bokmål too).
    #[value(alias = "no", alias = "nn", alias = "nob")]
    Nb,
}

impl Lang {
    /// The language the command line asks for (`--lang X` or `--lang=X`), else the one of
    /// the environment: `LC_ALL`, `LC_MESSAGES`, `LANG`, as every Unix program reads them.
    pub fn detect(args: &[std::ffi::OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
        let mut words = args.iter().map(|a| a.to_string_lossy());
        while let Some(word) = words.next() {
            let value = match word.strip_prefix("--lang") {
                Some("") => words.next().map(|w| w.to_string()),
                Some(rest) if rest.starts_with('=') => Some(rest[1..].to_string()),
                _ => continue,
            };
            return value.as_deref().map_or(Lang::En, Lang::from_tag);
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|name| env(name).filter(|v| !v.is_empty()));
        locale.as_deref().map_or(Lang::En, Lang::from_tag)
    }

    /// `nb`, `nb_NO.UTF-8`, `no`, `nn_NO` are bokmål; anything else English.
    fn from_tag(tag: &str) -> Lang {
        let language = tag.split(['_', '.', '-', '@']).next().unwrap_or("").to_ascii_lowercase();
        if matches!(language.as_str(), "nb" | "no" | "nn" | "nob") { Lang::Nb } else { Lang::En }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(args: &[&str], lang: Option<&str>) -> Lang {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        Lang::detect(&args, |name| (name == "LANG").then(|| lang.map(str::to_string)).flatten())
    }

    // `--lang` wins over the environment; a Norwegian locale gives bokmål.
    #[test]
    fn the_language_comes_from_the_flag_or_the_locale() {
        assert_eq!(detect(&["rapport", "check"], Some("nb_NO.UTF-8")), Lang::Nb);
        assert_eq!(detect(&["rapport", "check"], Some("C.UTF-8")), Lang::En);
        assert_eq!(detect(&["rapport", "--lang", "en", "check"], Some("nb_NO.UTF-8")), Lang::En);
        assert_eq!(detect(&["rapport", "check", "--lang=nb"], None), Lang::Nb);
    }
}
