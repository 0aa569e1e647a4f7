"""The catalogue that ships with the package: valid, complete and large enough."""

from participatiemix.mix.catalogue import INSTRUMENTS_DIR, load_catalogue_from
from participatiemix.mix.vocabulary import load_vocabulary


def test_shipped_catalogue_loads_has_45_instruments_and_every_vocabulary_instrument():
    # Uncached on purpose: this reads the files as they are now.
    catalogue = load_catalogue_from(INSTRUMENTS_DIR)
    assert len(catalogue) >= 45, f"de catalogus heeft {len(catalogue)} instrumenten; minstens 45 nodig"
    missing = [i for i in load_vocabulary().ids("instruments") if i not in catalogue]
    assert missing == []
    for instrument in catalogue:
        assert instrument.sources, instrument.id
