"""The Qt face of LAPDesk: windows, item models, dialogs and the operations behind them."""
