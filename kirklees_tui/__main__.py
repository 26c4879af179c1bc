"""`python -m kirklees_tui` is the same as `kirklees-tui`."""

from kirklees_tui.launch import main

if __name__ == "__main__":
    main()
