"""From raw files to clean text: manifest, encodings, normalisation, cleaning, paragraphs and sentences."""
