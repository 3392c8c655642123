"""Who frames whom: target lists (actors and their aliases), frames attached to target
mentions, attribution to sources, naming as framing, and their validation.

Names load on first use (:mod:`lazy_loader`), so that importing this subpackage costs nothing
until a name is used.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submod_attrs={
        "_attribute": ["Claim", "attribute_sentences", "claim_at"],
        "_io": ["list_targets", "load_targets", "read_targets", "targets_from_yaml"],
        "_links": [
            "LINK_COLUMNS",
            "NONE",
            "ROW_COLUMNS",
            "TargetFrames",
            "frame_targets",
            "link_rows",
        ],
        "_mentions": ["MENTION_COLUMNS", "find_mentions"],
        "_scope": ["CLAUSE_WORDS", "SCOPES", "clause_starts"],
        "_speakers": ["read_ungdc_speakers", "ungdc_speakers"],
        "_summary": ["alias_choice", "alias_keyness", "target_frame_shares"],
        "_types": ["Alias", "Target", "TargetList", "targets_from_dict"],
        "_validate": ["evaluate_targets", "read_target_codes", "sources_match", "source_words"],
        "_words": [
            "CARRY_SENTENCES",
            "PARTICLE_VERBS",
            "SOURCE_NOUNS",
            "SPEECH_VERBS",
            "UNATTRIBUTED",
        ],
    },
)
