"""Reading input: files and folders of articles become Article records or one-line read problems."""
